package io.nlpstream.jobs.local;

import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Prints one line of progress: rates, latency, review share, dead letters, and the batching: the
 * mean batch, the batch the latency target chose last, and the operator's predicted and observed
 * p99 latency.
 */
final class StatusLine {
    private final PrintStream console;
    private final StreamReplayer replayer;
    private final OutputCollector collector;
    private final FlinkRest rest;
    private final long startMillis;
    private long lastAt;
    private long lastIn;
    private long lastOut;

    StatusLine(
            PrintStream console,
            StreamReplayer replayer,
            OutputCollector collector,
            FlinkRest rest,
            long startMillis) {
        this.console = console;
        this.replayer = replayer;
        this.collector = collector;
        this.rest = rest;
        this.startMillis = startMillis;
        this.lastAt = startMillis;
    }

    void print() {
        long now = System.currentTimeMillis();
        double seconds = Math.max(0.001, (now - lastAt) / 1000.0);
        long in = replayer.sent();
        long out = collector.accounted();
        OptionalDouble batch = rest.operatorMetric("inference", "batchSize_mean");
        OptionalDouble chosen = rest.operatorMetric("inference", "chosenBatchSize");
        OptionalDouble predicted = rest.operatorMetric("inference", "predictedLatencyMs");
        OptionalDouble observed = rest.operatorMetric("inference", "observedP99Ms");
        LatencyStats latency = collector.pipelineLatency();
        console.println(
                String.format(
                        Locale.ROOT,
                        "[%5.0fs] in %6d (%6.1f/s) | out %6d (%6.1f/s) | latency p50 %4d ms p99 %4d ms"
                                + " | review %5.1f%% | dead letters %d | alerts %d | batch %s (last %s,"
                                + " predicted %s ms, model p99 %s ms)",
                        (now - startMillis) / 1000.0,
                        in,
                        (in - lastIn) / seconds,
                        out,
                        (out - lastOut) / seconds,
                        latency.percentile(50),
                        latency.percentile(99),
                        out == 0 ? 0.0 : 100.0 * collector.review() / out,
                        collector.deadLetters(),
                        collector.alerts(),
                        format(batch, "%.1f"),
                        format(chosen, "%.0f"),
                        format(predicted, "%.0f"),
                        format(observed, "%.0f")));
        lastAt = now;
        lastIn = in;
        lastOut = out;
    }

    /** A metric that is not reported yet, or reports NaN, is no measurement: "-". */
    private static String format(OptionalDouble value, String pattern) {
        return value.isPresent() && Double.isFinite(value.getAsDouble())
                ? String.format(Locale.ROOT, pattern, value.getAsDouble())
                : "-";
    }
}
