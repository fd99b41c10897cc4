package io.nlpstream.drift.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TriggerStateTest {

    @Test
    void followsTheTriggerFromArmedThroughAFireBackToArmed() {
        AucDropTrigger trigger = new AucDropTrigger(0.05, 0.02, 3, 0);
        double baseline = 0.90; // drop level 0.855, re-arm level 0.882

        assertThat(TriggerState.of(trigger, false)).isEqualTo(TriggerState.LEARNING_BASELINE);
        assertThat(TriggerState.of(trigger, true)).isEqualTo(TriggerState.ARMED);
        assertThat(trigger.update(0.80, baseline)).isFalse();
        assertThat(TriggerState.of(trigger, true)).isEqualTo(TriggerState.DROPPING);
        trigger.update(0.80, baseline);
        assertThat(TriggerState.of(trigger, true)).isEqualTo(TriggerState.DROPPING);
        assertThat(trigger.update(0.80, baseline)).as("third event below: fires").isTrue();
        assertThat(TriggerState.of(trigger, true)).isEqualTo(TriggerState.FIRED);
        trigger.update(0.87, baseline);
        assertThat(TriggerState.of(trigger, true))
                .as("above the drop level but not recovered")
                .isEqualTo(TriggerState.FIRED);
        trigger.update(0.89, baseline);
        assertThat(TriggerState.of(trigger, true)).isEqualTo(TriggerState.ARMED);
        trigger.update(0.85, baseline);
        assertThat(TriggerState.of(trigger, true)).isEqualTo(TriggerState.DROPPING);
        trigger.update(0.86, baseline);
        assertThat(TriggerState.of(trigger, true))
                .as("one event above the drop level resets the count")
                .isEqualTo(TriggerState.ARMED);
    }

    @Test
    void theGaugeValuesAreTheDocumentedCodes() {
        assertThat(Arrays.stream(TriggerState.values()).mapToInt(TriggerState::code))
                .containsExactly(0, 1, 2, 3);
    }
}
