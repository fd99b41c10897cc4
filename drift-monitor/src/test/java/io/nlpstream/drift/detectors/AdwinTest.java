package io.nlpstream.drift.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdwinTest {

    @Test
    void detectsAnErrorRateIncreaseSoonAfterTheChangePoint() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            Adwin adwin = new Adwin(0.002);
            int changeAt = 3000;
            long firstDetection = -1;
            for (int t = 0; t < 6000; t++) {
                double rate = t < changeAt ? 0.1 : 0.4;
                boolean changed = adwin.update(random.nextDouble() < rate ? 1.0 : 0.0);
                if (changed && firstDetection < 0) {
                    firstDetection = t;
                }
            }
            assertThat(firstDetection).isBetween((long) changeAt, changeAt + 250L);
            // After the cuts the window holds (almost) only the new regime.
            assertThat(adwin.estimation()).isCloseTo(0.4, within(0.05));
            assertThat(adwin.getWidth()).isLessThan(6000L - changeAt + 200L);
        }
    }

    @Test
    void detectsADecreaseToo() {
        Random random = new Random(9);
        Adwin adwin = new Adwin(0.002);
        long first = -1;
        for (int t = 0; t < 4000 && first < 0; t++) {
            double rate = t < 2000 ? 0.5 : 0.1;
            if (adwin.update(random.nextDouble() < rate ? 1.0 : 0.0)) {
                first = t;
            }
        }
        assertThat(first).isBetween(2000L, 2250L);
    }

    @Test
    void staysQuietOnAStationaryStream() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            Adwin adwin = new Adwin(0.002);
            for (int t = 0; t < 10_000; t++) {
                adwin.update(random.nextDouble() < 0.2 ? 1.0 : 0.0);
            }
            assertThat(adwin.getDetections()).as("seed %d", seed).isZero();
            assertThat(adwin.getWidth()).isEqualTo(10_000L);
            assertThat(adwin.estimation()).isCloseTo(0.2, within(0.02));
        }
    }

    @Test
    void keepsLogarithmicallyManyBuckets() {
        Adwin adwin = new Adwin(0.002);
        Random random = new Random(2);
        for (int t = 0; t < 100_000; t++) {
            adwin.update(random.nextDouble() < 0.3 ? 1.0 : 0.0);
        }
        // At most maxBuckets + 1 buckets per power of two up to the width.
        assertThat(adwin.getBuckets().size()).isLessThanOrEqualTo(6 * 17);
        long summarised = adwin.getBuckets().stream().mapToLong(b -> b.size).sum();
        assertThat(summarised).isEqualTo(adwin.getWidth());
        double total = adwin.getBuckets().stream().mapToDouble(b -> b.total).sum();
        assertThat(total).isCloseTo(adwin.getTotal(), within(1e-6));
    }

    @Test
    void validatesDelta() {
        assertThatThrownBy(() -> new Adwin(0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delta must be in (0, 1), got 0.0");
    }
}
