package io.nlpstream.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster directory's state file, the generated scrape configuration, and a safe {@code down}.
 */
class ClusterStateTest {
    @TempDir Path dir;

    private static ClusterState state(long tmPid) {
        return new ClusterState(
                List.of(
                        new ClusterProcess("kafka", 11, Map.of("broker", 9092), "logs/kafka.log"),
                        new ClusterProcess(
                                "jobmanager",
                                12,
                                Map.of("rest", 8081, "prometheus", 9250),
                                "logs/jobmanager.log"),
                        new ClusterProcess(
                                "taskmanager",
                                tmPid,
                                Map.of("prometheus", 9251),
                                "logs/taskmanager-1.log")),
                List.of("http://127.0.0.1:9250/metrics", "http://127.0.0.1:9251/metrics"),
                "http://127.0.0.1:8081",
                "127.0.0.1:9092");
    }

    @Test
    void stateSurvivesTheFileAndFindsItsRoles() throws Exception {
        state(13).write(dir);
        ClusterState read = ClusterState.read(dir);
        assertThat(read).isEqualTo(state(13));
        assertThat(read.jobManager().ports()).containsEntry("rest", 8081);
        assertThat(read.byRole(ClusterProcess.TASKMANAGER))
                .extracting(ClusterProcess::pid)
                .containsExactly(13L);
    }

    @Test
    void noStateFileIsNamedAsNoCluster() {
        assertThatThrownBy(() -> ClusterState.read(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no cluster in " + dir + ": start one with 'nlp-stream cluster up'");
    }

    @Test
    void scrapeConfigurationTargetsEveryReporter() throws Exception {
        JsonNode yaml =
                new ObjectMapper(new YAMLFactory()).readTree(PrometheusConfig.yaml(state(13), 2));
        assertThat(yaml.at("/global/scrape_interval").asText()).isEqualTo("2s");
        assertThat(yaml.at("/scrape_configs/0/static_configs/0/targets").toString())
                .isEqualTo("[\"127.0.0.1:9250\",\"127.0.0.1:9251\"]");
    }

    @Test
    void aClusterNeedsATaskManager() {
        assertThatThrownBy(() -> new ClusterSpec(0, 2, 512))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("taskManagers must be at least 1, was 0");
    }

    @Test
    void downLeavesAProcessAloneThatTheClusterDidNotStart() throws Exception {
        // The state names this very JVM, whose command line does not mention the directory.
        long self = ProcessHandle.current().pid();
        state(self).write(dir);
        Files.createDirectories(dir.resolve("logs"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new StandaloneCluster(dir, new PrintStream(console, true)).down();
        assertThat(console.toString()).doesNotContain("pid " + self);
        assertThat(dir).doesNotExist();
    }
}
