package io.nlpstream.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a job's checkpoints went, from its REST API: how many completed and how long they took end to
 * end. Exactly-once outputs become visible only when a checkpoint completes.
 */
final class CheckpointStats {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;

    CheckpointStats(int port, String jobId) {
        this.uri = URI.create("http://localhost:" + port + "/jobs/" + jobId + "/checkpoints");
    }

    /**
     * Completed and failed counts and end-to-end durations in ms; empty if the API did not answer.
     */
    Map<String, Object> read() {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(5))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? summary(JSON.readTree(response.body()))
                    : Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            return Map.of();
        }
    }

    static Map<String, Object> summary(JsonNode stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("completed", stats.path("counts").path("completed").asLong());
        out.put("failed", stats.path("counts").path("failed").asLong());
        JsonNode duration = stats.path("summary").path("end_to_end_duration");
        out.put("duration_avg_ms", duration.path("avg").asLong());
        out.put("duration_max_ms", duration.path("max").asLong());
        return out;
    }
}
