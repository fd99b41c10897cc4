package io.nlpstream.drift.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AucDropTriggerTest {

    private static final double BASELINE = 0.90; // drop level 0.855, re-arm level 0.882

    private static int feed(AucDropTrigger trigger, double auc, int times) {
        int fires = 0;
        for (int i = 0; i < times; i++) {
            fires += trigger.update(auc, BASELINE) ? 1 : 0;
        }
        return fires;
    }

    @Test
    void firesAfterTheRequiredRunBelowTheDropLevel() {
        AucDropTrigger trigger = new AucDropTrigger(0.05, 0.02, 3, 0);
        assertThat(feed(trigger, 0.80, 2)).isZero();
        assertThat(trigger.update(0.80, BASELINE)).isTrue();
    }

    @Test
    void aDropOfExactlyTheThresholdDoesNotCount() {
        AucDropTrigger trigger = new AucDropTrigger(0.05, 0.02, 3, 0);
        assertThat(feed(trigger, 0.86, 10)).isZero();
    }

    @Test
    void oneDipFiresOnceHoweverLongItLasts() {
        AucDropTrigger trigger = new AucDropTrigger(0.05, 0.02, 3, 0);
        assertThat(feed(trigger, 0.80, 500)).isEqualTo(1);
    }

    @Test
    void rearmsOnlyAfterRecoveringAboveTheRearmLevel() {
        AucDropTrigger trigger = new AucDropTrigger(0.05, 0.02, 3, 0);
        assertThat(feed(trigger, 0.80, 3)).isEqualTo(1);
        // Recovering above the drop level but below the re-arm level keeps it disarmed.
        assertThat(feed(trigger, 0.87, 5)).isZero();
        assertThat(trigger.isArmed()).isFalse();
        assertThat(feed(trigger, 0.80, 10)).isZero();
        // A real recovery re-arms; the next dip fires again.
        assertThat(feed(trigger, 0.89, 1)).isZero();
        assertThat(trigger.isArmed()).isTrue();
        assertThat(feed(trigger, 0.80, 3)).isEqualTo(1);
        assertThat(trigger.getFires()).isEqualTo(2);
    }

    @Test
    void withRetryAfterALowAucFiresAgainWithoutRecovering() {
        AucDropTrigger trigger = new AucDropTrigger(0.05, 0.02, 3, 20, 50);
        assertThat(feed(trigger, 0.80, 3)).isEqualTo(1); // fires at labelled event 3
        assertThat(feed(trigger, 0.80, 49)).isZero(); // events 4..52: disarmed
        assertThat(trigger.update(0.80, BASELINE)).isTrue(); // event 53: re-armed and fires
        assertThat(feed(trigger, 0.80, 200)).isEqualTo(4); // every 50 events while it stays low
    }

    @Test
    void coolDownDelaysASecondFire() {
        AucDropTrigger trigger = new AucDropTrigger(0.05, 0.02, 3, 20);
        assertThat(feed(trigger, 0.80, 3)).isEqualTo(1); // fires at labelled event 3
        assertThat(feed(trigger, 0.90, 2)).isZero(); // re-armed at event 4
        // Second dip: three in a row by event 8, but the cool-down lasts until event 23.
        assertThat(feed(trigger, 0.80, 14)).isZero(); // events 6..19
        assertThat(feed(trigger, 0.80, 3)).isZero(); // events 20..22
        assertThat(trigger.update(0.80, BASELINE)).isTrue(); // event 23
    }

    @Test
    void noiseAroundTheDropLevelDoesNotFlap() {
        AucDropTrigger trigger = new AucDropTrigger(0.05, 0.02, 5, 0);
        int fires = 0;
        for (int i = 0; i < 1000; i++) {
            // Four below, one above, forever: never five in a row.
            fires += trigger.update(i % 5 == 4 ? 0.86 : 0.85, BASELINE) ? 1 : 0;
        }
        assertThat(fires).isZero();
    }

    @Test
    void undefinedAucNeitherCountsNorResets() {
        AucDropTrigger trigger = new AucDropTrigger(0.05, 0.02, 3, 0);
        feed(trigger, 0.80, 2);
        assertThat(trigger.update(Double.NaN, BASELINE)).isFalse();
        assertThat(trigger.update(0.80, Double.NaN)).isFalse();
        assertThat(trigger.update(0.80, BASELINE)).isTrue();
    }

    @Test
    void validatesItsLevels() {
        assertThatThrownBy(() -> new AucDropTrigger(0.05, 0.05, 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rearmFraction must be in [0, dropFraction), got 0.05");
        assertThatThrownBy(() -> new AucDropTrigger(1.5, 0.0, 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropFraction must be in (0, 1), got 1.5");
    }
}
