package io.nlpstream.drift.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PageHinkleyTest {

    @Test
    void detectsAnErrorRateIncreaseWithinABound() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            PageHinkley ph = new PageHinkley(0.02, 50.0, 30);
            int changeAt = 3000;
            long first = -1;
            for (int t = 0; t < 6000 && first < 0; t++) {
                double rate = t < changeAt ? 0.1 : 0.4;
                if (ph.update(random.nextDouble() < rate ? 1.0 : 0.0)) {
                    first = t;
                }
            }
            assertThat(first).as("seed %d", seed).isBetween((long) changeAt, changeAt + 300L);
        }
    }

    @Test
    void staysQuietOnAStationaryStream() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            PageHinkley ph = new PageHinkley(0.02, 50.0, 30);
            for (int t = 0; t < 10_000; t++) {
                ph.update(random.nextDouble() < 0.2 ? 1.0 : 0.0);
            }
            assertThat(ph.getDetections()).as("seed %d", seed).isZero();
        }
    }

    @Test
    void ignoresADecrease() {
        Random random = new Random(4);
        PageHinkley ph = new PageHinkley(0.02, 50.0, 30);
        for (int t = 0; t < 6000; t++) {
            ph.update(random.nextDouble() < (t < 3000 ? 0.4 : 0.1) ? 1.0 : 0.0);
        }
        assertThat(ph.getDetections()).isZero();
    }
}
