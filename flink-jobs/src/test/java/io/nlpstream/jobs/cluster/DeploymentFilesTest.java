package io.nlpstream.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nlpstream.jobs.JobOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The deployment files of docker/ parse, and carry what their consumers require: the compose
 * services, the Grafana provisioning and dashboard, and the fields the Flink Kubernetes Operator
 * and Strimzi need in the Kubernetes manifests.
 */
class DeploymentFilesTest {
    private static final Path DOCKER = Path.of("..", "docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void composeDefinesTheWholeStack() throws IOException {
        JsonNode services = composeFile().path("services");
        assertThat(fieldNames(services))
                .contains(
                        "kafka",
                        "topics",
                        "jobmanager",
                        "taskmanager",
                        "taskmanager-gpu",
                        "prometheus",
                        "grafana");
        services.forEach(
                s ->
                        assertThat(s.path("image").asText())
                                .as("every image is pinned")
                                .contains(":")
                                .doesNotEndWith(":latest"));
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
        assertThat(services.path("jobmanager").path("build").path("dockerfile").asText())
                .isEqualTo("docker/Dockerfile");
        assertThat(
                        services.path("jobmanager")
                                .path("environment")
                                .path("FLINK_PROPERTIES")
                                .asText())
                .contains("state.backend.type: rocksdb")
                .contains("metrics.reporter.prom.factory.class");
        JsonNode gpu = services.path("taskmanager-gpu");
        assertThat(gpu.path("runtime").asText()).isEqualTo("nvidia");
        assertThat(gpu.path("build").path("dockerfile").asText())
                .isEqualTo("docker/Dockerfile.gpu");
        assertThat(gpu.at("/deploy/resources/reservations/devices/0/driver").asText())
                .isEqualTo("nvidia");
        assertThat(services.path("grafana").path("volumes").toString())
                .contains("./grafana/dashboards")
                .contains("./grafana/provisioning");
        assertThat(services.path("prometheus").path("volumes").toString())
                .contains("./prometheus/prometheus.yml");
        assertThat(yaml("prometheus/prometheus.yml").at("/scrape_configs/0/job_name").asText())
                .isEqualTo("flink");
    }

    @Test
    void dashboardPanelsQueryTheProvisionedPrometheus() throws IOException {
        JsonNode dashboard =
                JSON.readTree(DOCKER.resolve("grafana/dashboards/nlp-stream.json").toFile());
        String datasourceUid =
                yaml("grafana/provisioning/datasources/prometheus.yml")
                        .at("/datasources/0/uid")
                        .asText();
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(10);
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).isNotBlank();
                assertThat(target.at("/datasource/uid").asText()).isEqualTo(datasourceUid);
            }
        }
        assertThat(String.join("|", titles))
                .contains("Throughput", "latency", "batch size", "Review share", "Dead letters")
                .contains("AUC", "PSI")
                .contains(
                        "End-to-end latency, Kafka ingest to sink hand-off",
                        "Dead letters by stage and reason",
                        "Retraining loop",
                        "Model version");
        assertThat(
                        yaml("grafana/provisioning/dashboards/nlp-stream.yml")
                                .at("/providers/0/options/path")
                                .asText())
                .isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void flinkDeploymentsHaveWhatTheOperatorRequires() throws IOException {
        for (String file : List.of("k8s/flinkdeployment.yaml", "k8s/flinkdeployment-gpu.yaml")) {
            JsonNode d = yaml(file);
            assertThat(d.path("apiVersion").asText())
                    .as(file)
                    .isEqualTo("flink.apache.org/v1beta1");
            assertThat(d.path("kind").asText()).isEqualTo("FlinkDeployment");
            assertThat(d.at("/metadata/name").asText()).isNotBlank();
            JsonNode spec = d.path("spec");
            assertThat(spec.path("image").asText()).isNotBlank();
            assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
            assertThat(spec.path("serviceAccount").asText()).isNotBlank();
            for (String role : List.of("jobManager", "taskManager")) {
                assertThat(spec.at("/" + role + "/resource/memory").asText()).as(role).isNotBlank();
                assertThat(spec.at("/" + role + "/resource/cpu").isNumber()).as(role).isTrue();
            }
            JsonNode job = spec.path("job");
            assertThat(job.path("jarURI").asText()).startsWith("local:///opt/flink/usrlib/");
            assertThat(job.path("upgradeMode").asText())
                    .as("an upgrade mode that keeps state")
                    .isIn("savepoint", "last-state");
            assertThat(job.path("state").asText()).isEqualTo("running");
            assertThat(job.path("parallelism").asInt()).isPositive();
            assertThat(job.path("args").toString()).contains("--kafka.bootstrap-servers");
            JsonNode conf = spec.path("flinkConfiguration");
            assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
            assertThat(conf.path("execution.checkpointing.dir").asText()).isNotBlank();
            assertThat(conf.path("execution.checkpointing.savepoint-dir").asText()).isNotBlank();
            assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
            assertThat(conf.path("high-availability.storageDir").asText()).isNotBlank();
        }
        JsonNode gpu = yaml("k8s/flinkdeployment-gpu.yaml").path("spec");
        assertThat(
                        gpu.at("/taskManager/podTemplate/spec/containers/0/resources/limits")
                                .path("nvidia.com/gpu")
                                .asInt())
                .isEqualTo(1);
        assertThat(gpu.at("/job/args").toString()).contains("--model.gpu");
    }

    @Test
    void everyTopicOfTheJobHasAKafkaTopicManifest() throws IOException {
        Map<String, JsonNode> manifests = new HashMap<>();
        try (MappingIterator<JsonNode> docs =
                YAML.readerFor(JsonNode.class)
                        .readValues(DOCKER.resolve("k8s/kafka-topics.yaml").toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isEmpty()) {
                    continue;
                }
                assertThat(doc.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
                assertThat(doc.path("kind").asText()).isEqualTo("KafkaTopic");
                assertThat(doc.at("/metadata/labels/strimzi.io~1cluster").asText()).isNotBlank();
                manifests.put(doc.at("/metadata/name").asText(), doc);
            }
        }
        int parallelism = yaml("k8s/flinkdeployment.yaml").at("/spec/job/parallelism").asInt();
        Configuration options = new Configuration();
        options.set(JobOptions.PARALLELISM, parallelism);
        Map<String, Integer> needed = JobTopics.partitions(options);
        assertThat(manifests.keySet()).containsAll(needed.keySet());
        needed.forEach(
                (topic, partitions) ->
                        assertThat(manifests.get(topic).at("/spec/partitions").asInt())
                                .as(topic)
                                .isGreaterThanOrEqualTo(partitions));
    }

    /** The compose file with its YAML anchors and aliases resolved, as Docker Compose reads it. */
    private static JsonNode composeFile() throws IOException {
        try (var in = java.nio.file.Files.newInputStream(DOCKER.resolve("compose.yaml"))) {
            Object tree = new org.yaml.snakeyaml.Yaml().load(in);
            return JSON.valueToTree(tree);
        }
    }

    private static JsonNode yaml(String file) throws IOException {
        return YAML.readTree(DOCKER.resolve(file).toFile());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
