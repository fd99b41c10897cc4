package io.nlpstream.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JobManager's REST API as the cluster helper uses it: upload and run a job jar, list jobs and
 * TaskManagers, cancel a job.
 */
public final class ClusterRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;

    public ClusterRest(String restAddress) {
        this.base =
                restAddress.endsWith("/")
                        ? restAddress.substring(0, restAddress.length() - 1)
                        : restAddress;
    }

    /** Uploads a jar (multipart, as the web UI does) and returns the id the cluster gave it. */
    public String upload(Path jar) throws IOException, InterruptedException {
        String boundary = "nlpstream-" + UUID.randomUUID();
        String head =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                        .timeout(Duration.ofMinutes(5))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(
                                HttpRequest.BodyPublishers.concat(
                                        HttpRequest.BodyPublishers.ofString(head),
                                        HttpRequest.BodyPublishers.ofFile(jar),
                                        HttpRequest.BodyPublishers.ofString(tail)))
                        .build();
        JsonNode answer = send(request);
        String filename = answer.path("filename").asText();
        if (filename.isEmpty()) {
            throw new IllegalStateException("the jar upload answered " + answer);
        }
        return Path.of(filename).getFileName().toString();
    }

    /** Runs an uploaded jar's main class with the given arguments; returns the job id. */
    public String run(String jarId, List<String> programArgs)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putPOJO("programArgsList", programArgs);
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "/jars/" + jarId + "/run"))
                        .timeout(Duration.ofMinutes(3))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build();
        JsonNode answer = send(request);
        String jobId = answer.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IllegalStateException("running the jar answered " + answer);
        }
        return jobId;
    }

    /** Every job the cluster knows: id, name and state. */
    public List<Map<String, String>> jobs() throws IOException, InterruptedException {
        JsonNode answer = get("/jobs/overview");
        List<Map<String, String>> jobs = new ArrayList<>();
        for (JsonNode job : answer.path("jobs")) {
            jobs.add(
                    Map.of(
                            "id", job.path("jid").asText(),
                            "name", job.path("name").asText(),
                            "state", job.path("state").asText()));
        }
        return jobs;
    }

    /** How many TaskManagers are registered with the JobManager. */
    public int taskManagers() throws IOException, InterruptedException {
        return get("/taskmanagers").path("taskmanagers").size();
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel"))
                        .timeout(Duration.ofSeconds(30))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build();
        http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    request.method()
                            + " "
                            + request.uri().getPath()
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return JSON.readTree(response.body());
    }
}
