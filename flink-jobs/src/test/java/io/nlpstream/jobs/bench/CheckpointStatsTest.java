package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointStatsTest {

    @Test
    void summarisesTheRestAnswer() throws Exception {
        String answer =
                "{\"counts\":{\"restored\":0,\"total\":3,\"in_progress\":1,\"completed\":2,\"failed\":0},"
                        + "\"summary\":{\"end_to_end_duration\":{\"min\":800,\"max\":49000,\"avg\":24900}}}";

        Map<String, Object> summary = CheckpointStats.summary(new ObjectMapper().readTree(answer));

        assertThat(summary)
                .containsEntry("completed", 2L)
                .containsEntry("failed", 0L)
                .containsEntry("duration_avg_ms", 24900L)
                .containsEntry("duration_max_ms", 49000L);
    }

    @Test
    void saysNothingWhenNoJobAnswers() {
        assertThat(new CheckpointStats(1, "no-such-job").read()).isEmpty();
    }
}
