package io.nlpstream.operators.metrics;

import io.nlpstream.schemas.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts dead letters by stage and reason, one counter per pair, labelled {@code stage} and {@code
 * reason} in Prometheus. The reason label is the kind of failure, not the dead letter's free text:
 * the simple name of its error class ({@code MalformedInputException}), or {@code RULE:<id>} for a
 * record a rule dropped.
 */
public final class DeadLetterReasons {
    /** The counters' name. */
    public static final String METRIC = "deadLetters";

    /** The group keys, labels in Prometheus. */
    public static final String STAGE = "stage";

    public static final String REASON = "reason";

    /** Distinct (stage, reason) pairs counted one by one; later ones count as {@link #OTHER}. */
    static final int MAX_PAIRS = 100;

    /** The reason of pairs beyond {@link #MAX_PAIRS}. */
    static final String OTHER = "other";

    /** The reason when the dead letter names no error class. */
    static final String UNKNOWN = "unknown";

    /** Longest reason label; longer ones are cut. */
    static final int MAX_REASON_CHARS = 64;

    private static final String RULE_PREFIX = "RULE:";

    private final MetricGroup metrics;
    private final Map<String, Counter> counters = new HashMap<>();

    public DeadLetterReasons(MetricGroup operatorMetrics) {
        this.metrics = operatorMetrics;
    }

    /** Counts one dead letter. */
    public void count(DeadLetter deadLetter) {
        String stage = deadLetter.getStage() == null ? UNKNOWN : deadLetter.getStage();
        String reason = reasonOf(deadLetter.getErrorClass());
        Counter counter = counters.get(stage + '\n' + reason);
        if (counter == null) {
            if (counters.size() >= MAX_PAIRS) {
                reason = OTHER;
                counter = counters.get(stage + '\n' + reason);
            }
            if (counter == null) {
                counter = metrics.addGroup(STAGE, stage).addGroup(REASON, reason).counter(METRIC);
                counters.put(stage + '\n' + reason, counter);
            }
        }
        counter.inc();
    }

    /**
     * The reason label of an error class: {@code RULE:<id>} as it is, else the class's simple name
     * ({@code io.nlpstream.operators.parsing.MalformedInputException} becomes {@code
     * MalformedInputException}), cut to {@link #MAX_REASON_CHARS}.
     */
    static String reasonOf(String errorClass) {
        if (errorClass == null || errorClass.isBlank()) {
            return UNKNOWN;
        }
        String reason = errorClass.strip();
        if (!reason.startsWith(RULE_PREFIX)) {
            reason =
                    reason.substring(
                            Math.max(reason.lastIndexOf('.'), reason.lastIndexOf('$')) + 1);
        }
        if (reason.isEmpty()) {
            return UNKNOWN;
        }
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
    }
}
