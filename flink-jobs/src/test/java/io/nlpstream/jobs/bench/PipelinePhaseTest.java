package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelinePhaseTest {

    @Test
    void passesTheLatencyTargetToTheJobWhenGiven() {
        assertThat(phase(150).options("localhost:9092", PhaseTopics.of("p")).toMap())
                .containsEntry(PipelinePhase.LATENCY_TARGET_KEY, "150");
        assertThat(phase(0).options("localhost:9092", PhaseTopics.of("p")).toMap())
                .containsEntry(PipelinePhase.LATENCY_TARGET_KEY, "0");
    }

    @Test
    void leavesTheJobsDefaultLatencyTargetOtherwise() {
        assertThat(phase(null).options("localhost:9092", PhaseTopics.of("p")).toMap())
                .doesNotContainKey(PipelinePhase.LATENCY_TARGET_KEY);
    }

    private static PipelinePhase phase(Integer latencyTargetMs) {
        return new PipelinePhase(
                "p",
                BenchSettings.DEFAULT_MODEL,
                false,
                2,
                32,
                5,
                1,
                List.of(),
                0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                latencyTargetMs);
    }
}
