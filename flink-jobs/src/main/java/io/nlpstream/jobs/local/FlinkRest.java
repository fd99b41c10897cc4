package io.nlpstream.jobs.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;

/** Reads job state and operator metrics from the local Flink web UI's REST API. */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String jobId;

    public FlinkRest(int port, String jobId) {
        this.base = "http://localhost:" + port;
        this.jobId = jobId;
    }

    /** True once every vertex of the job is running (the model is loaded by then). */
    public boolean allVerticesRunning() {
        JsonNode job = get("/jobs/" + jobId);
        if (job == null || !job.has("vertices")) {
            return false;
        }
        for (JsonNode vertex : job.get("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Waits until every vertex runs; the job is ready for traffic then. */
    public void awaitAllRunning(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!allVerticesRunning()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "the job did not start within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    /**
     * Average over the subtasks of the first vertex whose name contains {@code vertexName} of the
     * metric whose id ends with {@code metricSuffix}; empty when not reported yet.
     */
    public OptionalDouble operatorMetric(String vertexName, String metricSuffix) {
        JsonNode job = get("/jobs/" + jobId);
        if (job == null) {
            return OptionalDouble.empty();
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!vertex.path("name").asText().contains(vertexName)) {
                continue;
            }
            String path =
                    "/jobs/"
                            + jobId
                            + "/vertices/"
                            + vertex.path("id").asText()
                            + "/subtasks/metrics";
            JsonNode available = get(path);
            if (available == null) {
                return OptionalDouble.empty();
            }
            for (JsonNode metric : available) {
                String id = metric.path("id").asText();
                if (id.endsWith(metricSuffix)) {
                    JsonNode values =
                            get(
                                    path
                                            + "?agg=avg&get="
                                            + URLEncoder.encode(id, StandardCharsets.UTF_8));
                    OptionalDouble average = measured(values, "avg");
                    if (average.isPresent()) {
                        return average;
                    }
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** A job-level metric such as {@code numRestarts}; empty when not reported. */
    public OptionalDouble jobMetric(String name) {
        JsonNode values =
                get(
                        "/jobs/"
                                + jobId
                                + "/metrics?get="
                                + URLEncoder.encode(name, StandardCharsets.UTF_8));
        return measured(values, "value");
    }

    /**
     * The number in {@code field} of the first entry of a metrics answer; empty when absent or not
     * finite (a histogram that has seen no value yet reports NaN, which is no measurement).
     */
    static OptionalDouble measured(JsonNode values, String field) {
        if (values == null || values.size() == 0 || !values.get(0).has(field)) {
            return OptionalDouble.empty();
        }
        double value = values.get(0).get(field).asDouble(Double.NaN);
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    private JsonNode get(String path) {
        try {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build();
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
