package io.nlpstream.jobs.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What {@code nlp-stream cluster up} started, written to {@code state.json} in the cluster
 * directory: every process with its ports and log, the Prometheus endpoints, the Flink REST address
 * and the Kafka bootstrap servers.
 */
public record ClusterState(
        List<ClusterProcess> processes,
        List<String> prometheus,
        String restAddress,
        String bootstrapServers) {
    public static final String FILE = "state.json";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ClusterState read(Path clusterDir) throws IOException {
        Path file = clusterDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "no cluster in " + clusterDir + ": start one with 'nlp-stream cluster up'");
        }
        return JSON.readValue(file.toFile(), ClusterState.class);
    }

    public void write(Path clusterDir) throws IOException {
        Files.writeString(clusterDir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
    }

    /** The processes of one role, in start order. */
    public List<ClusterProcess> byRole(String role) {
        List<ClusterProcess> matching = new ArrayList<>();
        for (ClusterProcess p : processes) {
            if (p.role().equals(role)) {
                matching.add(p);
            }
        }
        return matching;
    }

    public ClusterProcess jobManager() {
        return byRole(ClusterProcess.JOBMANAGER).stream()
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no jobmanager in the state file"));
    }
}
