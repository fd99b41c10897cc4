package io.nlpstream.operators.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class EndToEndLatencyTest {
    private final MetricListener listener = new MetricListener();

    @Test
    void recordsTheTimeFromIngestToHandOffPerOutput() {
        EndToEndLatency predictions =
                EndToEndLatency.register(listener.getMetricGroup(), "prediction");
        EndToEndLatency review = EndToEndLatency.register(listener.getMetricGroup(), "review");
        long now = 1_700_000_000_000L;
        for (long ms = 1; ms <= 100; ms++) {
            predictions.record(now - ms, now);
        }
        review.record(now - 2_000, now);

        Histogram p = histogram("prediction");
        assertThat(p.getCount()).isEqualTo(100);
        assertThat(p.getStatistics().getMin()).isEqualTo(1);
        assertThat(p.getStatistics().getMax()).isEqualTo(100);
        assertThat(p.getStatistics().getQuantile(0.5)).isBetween(50.0, 51.0);
        assertThat(histogram("review").getStatistics().getValues()).containsExactly(2_000L);
    }

    @Test
    void aRecordWithoutIngestTimeIsNotMeasuredAndClockSkewCountsAsZero() {
        EndToEndLatency latency =
                EndToEndLatency.register(listener.getMetricGroup(), "dead_letter");
        long now = 1_700_000_000_000L;
        latency.record(0, now);
        latency.record(now + 250, now);

        assertThat(histogram("dead_letter").getStatistics().getValues()).containsExactly(0L);
    }

    private Histogram histogram(String output) {
        return listener.getHistogram("output", output, "endToEndLatencyMs")
                .orElseThrow(() -> new AssertionError("no histogram for " + output));
    }
}
