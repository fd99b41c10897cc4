package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nlpstream.serving.tokenize.Chunker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final TokenCounts TOKENS =
            TokenCounts.fromContentIds(
                    new long[][] {{1, 2, 3}, {1, 2, 3, 4, 5, 6, 7}},
                    new Chunker(new long[] {101}, new long[] {102}, 16, 2));

    @Test
    void batchingGainIsThePipelinesGainAsAShareOfTheRawModelsGain() {
        // The pipeline gains 1.2x from batching, the model alone 1.5x: 0.8 of what it could.
        assertThat(Report.batchingGainVsRaw(360, 300, 450, 300)).isCloseTo(0.8, within(1e-9));
        // A pipeline that gains more than the model alone beats 1.0.
        assertThat(Report.batchingGainVsRaw(400, 200, 300, 200)).isCloseTo(4.0 / 3, within(1e-9));
    }

    @Test
    void noBatchingGainWithoutEveryThroughput() {
        assertThat(Report.batchingGainVsRaw(360, 0, 450, 300)).isNull();
        assertThat(Report.batchingGainVsRaw(360, 300, 450, 0)).isNull();
    }

    @Test
    void aMixReportsTokensPerSecondLatencyPerLoadAndTheGain() {
        Benchmark.MixResults mix =
                new Benchmark.MixResults(
                        "short",
                        Map.of("name", "test"),
                        TOKENS,
                        raw(1, 450),
                        raw(1, 300),
                        pipeline("saturation", 0, 360, Map.of()),
                        pipeline("per-record", 0, 300, Map.of()),
                        List.of(
                                pipeline("load-50", 180, 180, Map.of()),
                                pipeline("load-95", 342, 340, Map.of())));

        Map<String, Object> json = Report.mixJson(mix);

        assertThat(json.get("batching_gain_vs_raw")).isEqualTo(0.8);
        // Texts of 5 and 9 tokens, the records cycle through both: 7 tokens per text.
        assertThat(json.get("pipeline_tokens_per_s")).isEqualTo(360.0 * 7);
        assertThat(json).containsKeys("latency_50", "latency_95").doesNotContainKey("latency_80");
        assertThat(json).containsEntry("p99_ms_at_95", 342L).containsEntry("p99_ms_at_80", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> dataset = (Map<String, Object>) json.get("dataset");
        assertThat(dataset).containsEntry("tokens_mean", 7.0);
    }

    @Test
    void writesNullWhereTheOperatorExportsNoTokenCounters() {
        Map<String, Double> old = InferenceProbe.none();
        old.put(InferenceProbe.MEAN_BATCH, 12.0);
        Map<String, Double> current = new HashMap<>(old);
        current.put(InferenceProbe.TOKENS_REAL, 1_000.0);
        current.put(InferenceProbe.TOKENS_PADDED, 1_250.0);
        current.put(InferenceProbe.CHOSEN_BATCH_SIZE, 6.0);

        Map<String, Object> before = pipeline("saturation", 0, 300, old).toJson(TOKENS);
        Map<String, Object> after = pipeline("saturation", 0, 300, current).toJson(TOKENS);

        assertThat(before)
                .containsEntry("padding_waste", null)
                .containsEntry("chosen_batch_size", null);
        assertThat(after)
                .containsEntry("padding_waste", 1.25)
                .containsEntry("chosen_batch_size", 6.0);
    }

    private static RawMeasurement raw(int batch, double textsPerSecond) {
        return new RawMeasurement(
                new RawThroughput.Result(
                        batch, 1, 2, 1_000, 1_000 / textsPerSecond, textsPerSecond),
                TOKENS.paddingOfCalls(1_000, batch, 8));
    }

    private static PipelineResult pipeline(
            String name, long p99, double textsPerSecond, Map<String, Double> inference) {
        double rate = name.startsWith("load-") ? textsPerSecond : 0;
        PipelinePhase phase =
                new PipelinePhase(
                        name,
                        BenchSettings.DEFAULT_MODEL,
                        false,
                        2,
                        32,
                        5,
                        1,
                        List.of(),
                        rate,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10));
        Map<String, Object> latency = Map.of("p50", p99 / 2, "p95", p99, "p99", p99, "count", 10L);
        return new PipelineResult(
                phase,
                1_000,
                1_000,
                textsPerSecond,
                10,
                latency,
                latency,
                Map.of(),
                Map.of("p50", 1L, "p99", 2L),
                Map.of(),
                Map.of(),
                inference.get(InferenceProbe.MEAN_BATCH),
                inference.isEmpty() ? InferenceProbe.none() : inference,
                0,
                -1);
    }
}
