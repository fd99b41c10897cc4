package io.nlpstream.jobs.cluster;

import java.util.Map;

/**
 * One process of the standalone cluster: its role ({@code jobmanager}, {@code taskmanager}, {@code
 * kafka}), operating-system id, the ports it listens on by name, and its log file.
 */
public record ClusterProcess(String role, long pid, Map<String, Integer> ports, String log) {
    public static final String JOBMANAGER = "jobmanager";
    public static final String TASKMANAGER = "taskmanager";
    public static final String KAFKA = "kafka";

    /** True while the operating system still runs this process. */
    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
