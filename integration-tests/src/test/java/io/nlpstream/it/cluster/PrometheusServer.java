package io.nlpstream.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.jobs.local.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** A real Prometheus server (the {@code prometheus} binary) with a given scrape configuration. */
final class PrometheusServer implements AutoCloseable {
    static final String BINARY = "prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Process process;
    private final String base;

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Starts Prometheus on a free loopback port with its data under {@code dir}. */
    static PrometheusServer start(Path configFile, Path dir) throws Exception {
        int port = LocalCluster.freePort();
        Files.createDirectories(dir);
        Process p;
        try {
            p =
                    new ProcessBuilder(
                                    BINARY,
                                    "--config.file=" + configFile.toAbsolutePath(),
                                    "--storage.tsdb.path=" + dir.resolve("data").toAbsolutePath(),
                                    "--web.listen-address=127.0.0.1:" + port,
                                    "--log.level=warn")
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("prometheus.log").toFile())
                            .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the '"
                            + BINARY
                            + "' binary is needed on the PATH (Debian: apt-get install prometheus)",
                    e);
        }
        PrometheusServer server = new PrometheusServer(p, port);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!server.ready()) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                server.close();
                throw new IllegalStateException(
                        "Prometheus did not start; see " + dir.resolve("prometheus.log"));
            }
            Thread.sleep(250);
        }
        return server;
    }

    private boolean ready() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every metric name Prometheus has stored. */
    List<String> metricNames() throws Exception {
        List<String> names = new ArrayList<>();
        api("/api/v1/label/__name__/values").path("data").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** The samples of an instant query: each series' value, NaN where it has none. */
    List<Double> query(String promql) throws Exception {
        JsonNode answer =
                api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IllegalArgumentException("query '" + promql + "' failed: " + answer);
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode series : answer.path("data").path("result")) {
            values.add(Double.parseDouble(series.path("value").path(1).asText("NaN")));
        }
        return values;
    }

    /**
     * The samples of an instant query by series, each series named by the values of {@code labels}
     * joined with "/".
     */
    Map<String, Double> queryByLabels(String promql, String... labels) throws Exception {
        JsonNode answer =
                api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IllegalArgumentException("query '" + promql + "' failed: " + answer);
        }
        Map<String, Double> values = new TreeMap<>();
        for (JsonNode series : answer.path("data").path("result")) {
            List<String> name = new ArrayList<>();
            for (String label : labels) {
                name.add(series.path("metric").path(label).asText());
            }
            values.put(
                    String.join("/", name),
                    Double.parseDouble(series.path("value").path(1).asText("NaN")));
        }
        return values;
    }

    /** The health of every scrape target, as "url=up|down". */
    List<String> targets() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode t : api("/api/v1/targets").path("data").path("activeTargets")) {
            out.add(t.path("scrapeUrl").asText() + "=" + t.path("health").asText());
        }
        return out;
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
