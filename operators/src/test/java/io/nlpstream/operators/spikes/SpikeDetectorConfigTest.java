package io.nlpstream.operators.spikes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpikeDetectorConfigTest {
    private static SpikeDetectorConfig.Builder hourly() {
        return SpikeDetectorConfig.builder().window(Duration.ofHours(1));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SpikeDetectorConfig config = hourly().build();
        assertThat(config.direction()).isEqualTo(Direction.UP);
        assertThat(config.warmupWindows()).isEqualTo(24);
        assertThat(config.fireScore()).isEqualTo(4.0);
        assertThat(config.criticalScore()).isEqualTo(6.0);
        assertThat(config.releaseScore()).isEqualTo(2.0);
        assertThat(config.minCount()).isEqualTo(10);
        assertThat(config.minExcess()).isEqualTo(5);
        assertThat(config.minTrials()).isEqualTo(20);
        assertThat(config.minShareExcess()).isEqualTo(0.05);
        assertThat(config.seasonalMinHistory()).isEqualTo(Duration.ofDays(14));
        assertThat(config.toBuilder().build().huberK()).isEqualTo(config.huberK());
    }

    @Test
    void inconsistentSettingsAreRejectedWithTheReason() {
        assertRejected(SpikeDetectorConfig.builder(), "window must be at least 1 ms, was null");
        assertRejected(hourly().window(Duration.ZERO), "window must be at least 1 ms, was PT0S");
        assertRejected(hourly().warmupWindows(1), "warmupWindows must be at least 2, was 1");
        assertRejected(hourly().levelAlpha(0), "levelAlpha must be in (0, 1], was 0.0");
        assertRejected(hourly().trendBeta(-0.1), "trendBeta must be in [0, 1], was -0.1");
        assertRejected(
                hourly().fireScore(2).releaseScore(2),
                "fireScore must be above releaseScore, was 2.0 <= 2.0");
        assertRejected(
                hourly().fireScore(5).criticalScore(4.5),
                "criticalScore must be at least fireScore, was 4.5 < 5.0");
        assertRejected(hourly().seasonalMinGain(1), "seasonalMinGain must be in [0, 1), was 1.0");
        assertRejected(
                hourly().minCount(-1),
                "minCount, minExcess, minTrials and minShareExcess must not be negative");
        assertRejected(
                hourly().hourOfDayMemoryDays(0), "hourOfDayMemoryDays must be in [1, 28], was 0");
        assertRejected(
                hourly().dayOfWeekMemoryWeeks(9), "dayOfWeekMemoryWeeks must be in [1, 8], was 9");
        assertRejected(hourly().maxGapWindows(0), "maxGapWindows must be at least 1, was 0");
    }

    private static void assertRejected(SpikeDetectorConfig.Builder builder, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
