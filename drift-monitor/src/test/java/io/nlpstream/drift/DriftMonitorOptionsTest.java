package io.nlpstream.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.drift.monitor.DriftMonitorConfig;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class DriftMonitorOptionsTest {

    @Test
    void defaultsGiveTheDefaultConfig() {
        DriftMonitorConfig config = DriftMonitorOptions.monitorConfig(new Configuration());
        assertThat(config.labelledWindow().maxCount()).isEqualTo(500);
        assertThat(config.labelledWindow().maxAgeMillis()).isZero();
        assertThat(config.baselineAuc()).isNull();
        assertThat(config.dropFraction()).isEqualTo(0.05);
        assertThat(new Configuration().get(DriftMonitorOptions.FEEDBACK_TTL))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsEverySetting() {
        Configuration conf = new Configuration();
        conf.set(DriftMonitorOptions.PREDICTION_WINDOW_AGE, Duration.ofMinutes(5));
        conf.set(DriftMonitorOptions.BASELINE_AUC, 0.91);
        conf.set(DriftMonitorOptions.TRIGGER_DROP, 0.1);
        conf.set(DriftMonitorOptions.EMIT_EVERY, 7);
        conf.set(DriftMonitorOptions.ROLE, "SHADOW");
        DriftMonitorConfig config = DriftMonitorOptions.monitorConfig(conf);
        assertThat(config.predictionWindow().maxAgeMillis()).isEqualTo(300_000L);
        assertThat(config.baselineAuc()).isEqualTo(0.91);
        assertThat(config.dropFraction()).isEqualTo(0.1);
        assertThat(config.emitEvery()).isEqualTo(7);
        assertThat(config.role()).isEqualTo("SHADOW");
    }

    @Test
    void invalidSettingsFailWithTheBuildersMessage() {
        Configuration conf = new Configuration();
        conf.set(DriftMonitorOptions.LABELLED_WINDOW_COUNT, 0);
        assertThatThrownBy(() -> DriftMonitorOptions.monitorConfig(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCount must be at least 1, got 0");
    }
}
