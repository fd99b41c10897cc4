package io.nlpstream.operators.metrics;

import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The end-to-end latency of one output, from the input record's Kafka timestamp to its hand-off to
 * the sink, as a histogram metric labelled with the output.
 */
public final class EndToEndLatency {
    /** The histogram's name; the Prometheus reporter exports it as a summary with quantiles. */
    public static final String METRIC = "endToEndLatencyMs";

    /** The group key, a label in Prometheus, whose value names the output. */
    public static final String OUTPUT = "output";

    /** The histogram keeps the latencies of the last this many records. */
    static final int WINDOW = 1024;

    private final Histogram histogram;

    private EndToEndLatency(Histogram histogram) {
        this.histogram = histogram;
    }

    /** Registers the histogram of {@code output} on an operator's metric group. */
    public static EndToEndLatency register(MetricGroup operatorMetrics, String output) {
        return new EndToEndLatency(
                operatorMetrics
                        .addGroup(OUTPUT, output)
                        .histogram(METRIC, new DescriptiveStatisticsHistogram(WINDOW)));
    }

    /**
     * Records one record handed off at {@code now}. A record without an ingest time (0, e.g. a dead
     * letter of a label that was not read from Kafka) is not measured; a negative difference (the
     * producer's clock ahead of this machine's) counts as 0.
     */
    public void record(long ingestTime, long now) {
        if (ingestTime <= 0) {
            return;
        }
        histogram.update(Math.max(0, now - ingestTime));
    }
}
