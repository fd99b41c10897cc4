package io.nlpstream.operators.spikes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class SeriesStateTest {
    @Test
    void aKeysStateIsAFlinkPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SeriesState.class);
    }

    @Test
    void aRestartedKeyForgetsItsBaselineAndEpisode() {
        SpikeDetector detector =
                new SpikeDetector(SpikeDetectorConfig.defaults(Duration.ofHours(1)));
        SeriesState state = new SeriesState();
        List<SeriesObservation> series =
                SyntheticSeries.poissonCounts("k", 24 * 3, 1, i -> i >= 60 ? 400 : 30);
        series.forEach(w -> detector.observe(state, w));
        assertThat(state.episodeOpen).isTrue();
        assertThat(state.hourRatios).isNotNull();

        state.reset();

        SeriesState fresh = new SeriesState();
        assertThat(state).usingRecursiveComparison().isEqualTo(fresh);
    }
}
