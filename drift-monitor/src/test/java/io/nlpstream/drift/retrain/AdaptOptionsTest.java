package io.nlpstream.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.drift.DriftMonitorOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class AdaptOptionsTest {
    @Test
    void adaptationIsOffByDefault() {
        Configuration conf = new Configuration();
        assertThat(AdaptOptions.adaptConfig(conf).enabled()).isFalse();
        assertThat(AdaptOptions.trigger(conf)).isNull();
        assertThat(AdaptOptions.guard(conf)).isNull();
        assertThat(DriftMonitorOptions.monitorConfig(conf).labelFreeTrigger()).isNull();
    }

    @Test
    void enabledItBuildsTheTriggerTheSampleAndTheGuardFromTheOptions() {
        Configuration conf = new Configuration();
        conf.setString("drift.adapt.enabled", "true");
        conf.setString("drift.adapt.sample-size", "1000");
        conf.setString("drift.adapt.no-labels-for", "10 min");
        conf.setString("drift.adapt.trigger.windows", "7");
        conf.setString("drift.adapt.guard.min-agreement", "0.8");

        AdaptConfig adapt = AdaptOptions.adaptConfig(conf);
        assertThat(adapt.enabled()).isTrue();
        assertThat(adapt.sampleSize()).isEqualTo(1000);
        assertThat(adapt.minAgreement()).isEqualTo(0.8);
        assertThat(DriftMonitorOptions.monitorConfig(conf).labelFreeTrigger().windows())
                .isEqualTo(7);
        LabelFreeGuard guard = AdaptOptions.guard(conf);
        assertThat(guard.minAgreement()).isEqualTo(0.8);
        assertThat(guard.noLabelsMillis()).isEqualTo(600_000L);
        assertThat(guard.minPairs()).isEqualTo(300);
    }

    @Test
    void theSampleIsBounded() {
        Configuration conf = new Configuration();
        conf.setString("drift.adapt.sample-size", "50000");
        assertThatThrownBy(() -> AdaptOptions.adaptConfig(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampleSize must be in [1, 20000], was 50000");
    }
}
