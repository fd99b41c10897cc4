package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void splitsTheCoresBetweenTheSubtasks() {
        assertThat(BenchSettings.threadsPerSubtask(2, 2)).isEqualTo(1);
        assertThat(BenchSettings.threadsPerSubtask(8, 2)).isEqualTo(4);
        assertThat(BenchSettings.threadsPerSubtask(1, 2)).isEqualTo(1);
    }

    @Test
    void theQuickRunIsShorterAndStillMeasuresEveryLoad() {
        BenchSettings quick = BenchSettings.quick("sentiment", 32, 2, 2);
        BenchSettings full = BenchSettings.full("sentiment", 32, 2, 2);

        assertThat(quick.mode()).isEqualTo("quick");
        assertThat(full.latency()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(quick.latency()).isLessThan(full.latency());
        assertThat(quick.loads()).containsExactly(0.5, 0.8, 0.95);
        assertThat(full.loads()).containsExactly(0.5, 0.8, 0.95);
        assertThat(quick.longLatency()).isLessThan(full.longLatency());
        assertThat(full.gpuBatches()).containsExactly(32, 64, 128, 256);
    }

    @Test
    void theLongTextMixCutsEMailsTo1000CharactersAndRunsShorterPhases() {
        BenchSettings full = BenchSettings.full("sentiment", 32, 2, 2);

        assertThat(full.longTextChars()).isEqualTo(1_000);
        assertThat(full.longSaturation()).isLessThan(full.saturation());
        assertThat(full.longLatency()).isLessThan(full.latency());
    }

    @Test
    void leavesTheLatencyTargetToTheJobUnlessGiven() {
        BenchSettings full = BenchSettings.full("sentiment", 32, 2, 2);

        assertThat(full.latencyTargetMs()).isNull();
        assertThat(full.withLatencyTargetMs(150).latencyTargetMs()).isEqualTo(150);
        assertThat(full.withLatencyTargetMs(0).latencyTargetMs()).isZero();
        assertThatThrownBy(() -> full.withLatencyTargetMs(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencyTargetMs must not be negative, was -1");
    }

    @Test
    void refusesALoadAtOrAboveSaturation() {
        BenchSettings full = BenchSettings.full("sentiment", 32, 2, 2);
        assertThatThrownBy(
                        () ->
                                new BenchSettings(
                                        false,
                                        "sentiment",
                                        32,
                                        20,
                                        2,
                                        1,
                                        full.warmup(),
                                        full.jitWarmup(),
                                        full.raw(),
                                        full.saturation(),
                                        full.latency(),
                                        List.of(0.5, 1.0),
                                        full.longTextChars(),
                                        full.longRaw(),
                                        full.longSaturation(),
                                        full.longLatency(),
                                        null,
                                        full.gpuBatches(),
                                        full.gpuRaw(),
                                        full.gpuPipeline()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a load must lie in (0, 1), was 1.0");
    }

    @Test
    void sizesASaturationPhaseSoItCannotRunDry() {
        assertThat(Benchmark.recordsFor(100, Duration.ofSeconds(60)))
                .isGreaterThanOrEqualTo(100 * 70);
        assertThat(Benchmark.recordsFor(0, Duration.ofSeconds(1))).isPositive();
    }
}
