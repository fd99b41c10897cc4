package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.local.EmbeddedKafka;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself, end to end on a real broker and MiniCluster, with tiny phases. */
class PipelineRunnerITCase {
    private static EmbeddedKafka kafka;
    private static final BenchData DATA = new BenchData("test", texts());

    @BeforeAll
    static void startBroker() throws Exception {
        JobConfiguration.trustSchemaPackage();
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void measuresAPrefilledTopicAtSaturation() throws Exception {
        List<byte[]> records = DATA.records(120);
        PipelineResult result =
                runner().run(
                                new PipelinePhase(
                                        "it-saturation",
                                        BenchSettings.DEFAULT_MODEL,
                                        false,
                                        1,
                                        8,
                                        20,
                                        1,
                                        records,
                                        0,
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(60)));

        assertThat(result.outcomes()).isEqualTo(records.size());
        assertThat(result.throughputPerSecond()).isPositive();
        assertThat(result.checkpoints()).containsKey("completed");
        assertThat(result.commitLag()).containsEntry("count", (long) records.size());
        assertThat(result.peakRssBytes()).isNotZero();
    }

    @Test
    void measuresLatencyWithAnOpenLoopProducer() throws Exception {
        List<byte[]> records = DATA.records(60);
        PipelineResult result =
                runner().run(
                                new PipelinePhase(
                                        "it-open-loop",
                                        BenchSettings.DEFAULT_MODEL,
                                        false,
                                        1,
                                        8,
                                        20,
                                        1,
                                        records,
                                        20,
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(2)));

        assertThat(result.sent()).isEqualTo(records.size());
        assertThat(result.outcomes()).isEqualTo(records.size());
        assertThat((Long) result.latency().get("count")).isPositive().isLessThan(records.size());
        assertThat((Long) result.latency().get("p99")).isPositive();
        assertThat(result.stages())
                .containsKeys("ingest_to_inference_ms", "inference_ms", "inference_to_emit_ms");
    }

    private static PipelineRunner runner() {
        return new PipelineRunner(
                kafka, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static List<LabelledText> texts() {
        String[] sentences = {
            "Great phone, the battery lasts two days.",
            "Terrible.",
            "The food was cold and the waiter ignored us for half an hour before taking our order.",
            "I would not recommend this film to anyone who values their time.",
            "Works as described.",
            "An absolute masterpiece of acting, writing and direction; I laughed, I cried, I will watch it again.",
            "Broke after a week.",
            "Friendly staff and a cozy room."
        };
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            out.add(new LabelledText("t" + i, "test", sentences[i], i % 2 == 0 ? "1" : "0", 0));
        }
        return out;
    }
}
