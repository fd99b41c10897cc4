package io.nlpstream.jobs.cluster;

/**
 * The shape of a standalone cluster: how many TaskManagers, slots on each, and the Kafka broker's
 * heap.
 */
public record ClusterSpec(int taskManagers, int slotsPerTaskManager, int kafkaHeapMb) {
    public ClusterSpec {
        if (taskManagers < 1) {
            throw new IllegalArgumentException(
                    "taskManagers must be at least 1, was " + taskManagers);
        }
        if (slotsPerTaskManager < 1) {
            throw new IllegalArgumentException(
                    "slotsPerTaskManager must be at least 1, was " + slotsPerTaskManager);
        }
    }
}
