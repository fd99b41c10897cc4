package io.nlpstream.operators.routing;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The queue each final label goes to when no rule chose one; a null queue is the default path. */
public final class RoutingTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final RoutingTable EMPTY = new RoutingTable(Map.of(), null);

    private final HashMap<String, String> queues;
    private final String defaultQueue;

    /**
     * @param queues queue of each label; labels and queues must not be blank
     * @param defaultQueue queue of labels without an entry, null for the default path
     */
    public RoutingTable(Map<String, String> queues, String defaultQueue) {
        Objects.requireNonNull(queues, "queues must not be null");
        if (defaultQueue != null && defaultQueue.isBlank()) {
            throw new IllegalArgumentException("default queue must not be blank");
        }
        this.queues = new HashMap<>();
        for (Map.Entry<String, String> entry : queues.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank()) {
                throw new IllegalArgumentException("routing label must not be blank");
            }
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                throw new IllegalArgumentException(
                        "queue for label '" + entry.getKey() + "' must not be blank");
            }
            this.queues.put(entry.getKey(), entry.getValue());
        }
        this.defaultQueue = defaultQueue;
    }

    /** A table that routes every label to the default path. */
    public static RoutingTable empty() {
        return EMPTY;
    }

    /**
     * Parses {@code label=queue,label=queue} (blank means empty), e.g. {@code negative=complaints}.
     */
    public static RoutingTable parse(String spec) {
        Map<String, String> queues = new HashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String pair : spec.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(
                            "routing entry '" + pair.trim() + "' must be label=queue");
                }
                queues.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return new RoutingTable(queues, null);
    }

    /** The queue of {@code label}, or the default queue (possibly null). */
    public String queueFor(String label) {
        String queue = label == null ? null : queues.get(label);
        return queue != null ? queue : defaultQueue;
    }

    public Map<String, String> queues() {
        return Collections.unmodifiableMap(queues);
    }

    public String defaultQueue() {
        return defaultQueue;
    }

    @Override
    public String toString() {
        return "RoutingTable{queues=" + queues + ", default=" + defaultQueue + '}';
    }
}
