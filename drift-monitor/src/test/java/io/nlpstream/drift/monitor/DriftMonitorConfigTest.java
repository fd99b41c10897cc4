package io.nlpstream.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.drift.detectors.Adwin;
import io.nlpstream.drift.detectors.AucDropTrigger;
import io.nlpstream.drift.detectors.LabelFreeTrigger;
import io.nlpstream.drift.detectors.PageHinkley;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class DriftMonitorConfigTest {

    @Test
    void defaultsFollowTheIssue() {
        DriftMonitorConfig config = DriftMonitorConfig.builder().build();
        assertThat(config.dropFraction()).isEqualTo(0.05);
        assertThat(config.baselineAuc()).isNull();
        assertThat(config.role()).isEqualTo("LIVE");
    }

    @Test
    void buildValidates() {
        assertThatThrownBy(() -> DriftMonitorConfig.builder().emitEvery(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("emitEvery must be at least 1, got 0");
        assertThatThrownBy(() -> DriftMonitorConfig.builder().baselineAuc(1.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baselineAuc must be in (0, 1], got 1.5");
        assertThatThrownBy(
                        () ->
                                DriftMonitorConfig.builder()
                                        .minLabelledForAuc(200)
                                        .baselineAfterLabelled(100)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baselineAfterLabelled must be at least minLabelledForAuc");
        assertThatThrownBy(() -> DriftMonitorConfig.builder().rearmFraction(0.1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rearmFraction must be in [0, dropFraction), got 0.1");
    }

    @Test
    void stateTypesAreSerializedAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(MonitorState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PredictionPoint.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ReferenceProfile.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Adwin.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PageHinkley.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AucDropTrigger.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(LabelFreeTrigger.class);
    }
}
