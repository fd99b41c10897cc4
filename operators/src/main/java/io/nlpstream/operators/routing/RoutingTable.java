package io.nlpstream.operators.routing;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The queue each final label goes to when no rule chose one (a null queue is the default path), and
 * the priority of each queue, whichever chose it.
 */
public final class RoutingTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final RoutingTable EMPTY = new RoutingTable(Map.of(), null);

    private final HashMap<String, String> queues;
    private final String defaultQueue;
    private final HashMap<String, String> priorities;

    /**
     * @param queues queue of each label; labels and queues must not be blank
     * @param defaultQueue queue of labels without an entry, null for the default path
     */
    public RoutingTable(Map<String, String> queues, String defaultQueue) {
        this(queues, defaultQueue, Map.of());
    }

    /**
     * @param queues queue of each label; labels and queues must not be blank
     * @param defaultQueue queue of labels without an entry, null for the default path
     * @param priorities priority of each queue; queues and priorities must not be blank
     */
    public RoutingTable(
            Map<String, String> queues, String defaultQueue, Map<String, String> priorities) {
        Objects.requireNonNull(queues, "queues must not be null");
        Objects.requireNonNull(priorities, "priorities must not be null");
        if (defaultQueue != null && defaultQueue.isBlank()) {
            throw new IllegalArgumentException("default queue must not be blank");
        }
        this.queues = new HashMap<>(pairs(queues, "label", "queue"));
        this.defaultQueue = defaultQueue;
        this.priorities = new HashMap<>(pairs(priorities, "queue", "priority"));
    }

    /** A table that routes every label to the default path. */
    public static RoutingTable empty() {
        return EMPTY;
    }

    /**
     * Parses {@code label=queue,label=queue} (blank means empty), e.g. {@code negative=complaints}.
     */
    public static RoutingTable parse(String spec) {
        return parse(spec, "");
    }

    /**
     * Parses the table and the queues' priorities, {@code queue=priority,queue=priority} (blank
     * means none), e.g. {@code abuse=low,priority=urgent}.
     */
    public static RoutingTable parse(String spec, String prioritiesSpec) {
        return new RoutingTable(
                entries(spec, "label=queue"), null, entries(prioritiesSpec, "queue=priority"));
    }

    private static Map<String, String> entries(String spec, String form) {
        Map<String, String> out = new HashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String pair : spec.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(
                            "routing entry '" + pair.trim() + "' must be " + form);
                }
                out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static Map<String, String> pairs(
            Map<String, String> entries, String keyName, String valueName) {
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank()) {
                throw new IllegalArgumentException("routing " + keyName + " must not be blank");
            }
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                throw new IllegalArgumentException(
                        valueName
                                + " for "
                                + keyName
                                + " '"
                                + entry.getKey()
                                + "' must not be blank");
            }
        }
        return entries;
    }

    /** The priority of {@code queue}, null when it has none (or no queue was chosen). */
    public String priorityOf(String queue) {
        return queue == null ? null : priorities.get(queue);
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
