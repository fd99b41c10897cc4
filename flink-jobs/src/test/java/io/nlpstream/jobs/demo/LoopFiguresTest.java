package io.nlpstream.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nlpstream.schemas.DriftMetric;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopFiguresTest {

    private static DriftMetric metric(
            String version, long start, long end, double auc, double est) {
        return DriftMetric.newBuilder()
                .setModelId("spam-filter")
                .setModelVersion(version)
                .setWindowStart(start)
                .setWindowEnd(end)
                .setPredictions(100)
                .setLabelled(100)
                .setAuc(auc)
                .setEstimatedAuc(est)
                .setTime(end)
                .build();
    }

    @Test
    void theEstimateIsJudgedBeforeAndAfterTheShiftApart() {
        List<DriftMetric> metrics =
                List.of(
                        metric("1", 0, 900, 0.95, 0.96), // before the shift at 1000
                        metric("1", 500, 1500, 0.80, 0.95), // straddles it: neither
                        metric("1", 1000, 1900, 0.60, 0.94), // after it
                        metric("1", 1100, 2000, 0.62, 0.92),
                        metric("2", 1200, 2100, 0.90, 0.91)); // the promoted model

        assertThat(LoopFigures.estimatedAucError(metrics, "1", 0, 1000))
                .isCloseTo(0.01, within(1e-9));
        assertThat(LoopFigures.estimatedAucError(metrics, "1", 1000, Long.MAX_VALUE))
                .isCloseTo((0.34 + 0.30) / 2, within(1e-9));
        assertThat(LoopFigures.estimatedAucError(metrics, "3", 0, Long.MAX_VALUE)).isNaN();
    }

    @Test
    void theEstimateSeenAfterTheShiftCountsEveryWindowThatEndedThen() {
        // A label-free window longer than the span between the shift (at 1000) and the
        // promotion (at 1600): no window lies wholly after the shift, yet the dashboard showed two.
        List<DriftMetric> metrics =
                List.of(
                        metric("1", 0, 900, 0.95, 0.96),
                        metric("1", 200, 1200, 0.80, 0.95),
                        metric("1", 400, 1500, 0.70, 0.94),
                        metric("1", 600, 1700, 0.60, 0.93));

        assertThat(LoopFigures.estimatedAucError(metrics, "1", 1000, 1600)).isNaN();
        assertThat(LoopFigures.estimatedAucErrorSeen(metrics, "1", 1000, 1600))
                .isCloseTo((0.15 + 0.24) / 2, within(1e-9));
    }

    @Test
    void recoveryIsTheShareOfTheReachableGainThatThePromotionWon() {
        assertThat(LoopFigures.recovery(0.85, 0.60, 0.90)).isCloseTo(0.25 / 0.30, within(1e-9));
        assertThat(LoopFigures.recovery(0.55, 0.60, 0.90)).isNegative();
        assertThat(LoopFigures.recovery(Double.NaN, 0.60, 0.90)).as("nothing promoted").isNaN();
        assertThat(LoopFigures.recovery(0.85, 0.60, 0.60)).as("nothing to win back").isNaN();
    }
}
