package io.nlpstream.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.cluster.ClusterRest;
import io.nlpstream.jobs.cluster.ClusterSpec;
import io.nlpstream.jobs.cluster.ClusterState;
import io.nlpstream.jobs.cluster.JobJar;
import io.nlpstream.jobs.cluster.JobTopics;
import io.nlpstream.jobs.cluster.StandaloneCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code nlp-stream cluster up|submit|status|down}: a standalone Flink cluster and Kafka broker.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description =
                "A Flink session cluster (JobManager + TaskManagers) and a Kafka broker as separate"
                        + " processes on this machine, all under one directory.",
        subcommands = {
            ClusterCommand.Up.class,
            ClusterCommand.Submit.class,
            ClusterCommand.Status.class,
            ClusterCommand.Down.class
        })
final class ClusterCommand implements Runnable {
    static final String DEFAULT_DIR = "out/cluster";

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Start the cluster.")
    static final class Up implements Callable<Integer> {
        @Option(
                names = "--dir",
                defaultValue = DEFAULT_DIR,
                description = "Cluster directory (default ${DEFAULT-VALUE}).")
        Path dir;

        @Option(
                names = "--taskmanagers",
                defaultValue = "2",
                description = "TaskManager processes (default ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(
                names = "--slots",
                defaultValue = "2",
                description = "Slots per TaskManager (default ${DEFAULT-VALUE}).")
        int slots;

        @Override
        public Integer call() throws Exception {
            ClusterState state =
                    new StandaloneCluster(dir, System.out)
                            .up(new ClusterSpec(taskManagers, slots, 512));
            System.out.println(
                    "Cluster up: " + state.restAddress() + ", Kafka " + state.bootstrapServers());
            System.out.println("Prometheus scrape config: " + dir.resolve("prometheus.yml"));
            return 0;
        }
    }

    @Command(
            name = "submit",
            mixinStandardHelpOptions = true,
            description =
                    "Create the job's topics and submit the job jar; job options as --key value"
                            + " (the broker's address is filled in).")
    static final class Submit implements Callable<Integer> {
        @Option(
                names = "--dir",
                defaultValue = DEFAULT_DIR,
                description = "Cluster directory (default ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--jar", description = "The job jar (default: the one the build made).")
        Path jar;

        @Unmatched List<String> jobOptions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            ClusterState state = ClusterState.read(dir);
            List<String> args = new ArrayList<>(jobOptions);
            if (!args.contains("--" + JobOptions.BOOTSTRAP_SERVERS.key())) {
                args.add("--" + JobOptions.BOOTSTRAP_SERVERS.key());
                args.add(state.bootstrapServers());
            }
            Configuration options = JobConfiguration.fromArgs(args.toArray(String[]::new));
            List<String> created =
                    JobTopics.createMissing(options.get(JobOptions.BOOTSTRAP_SERVERS), options);
            if (!created.isEmpty()) {
                System.out.println("Created topics " + created);
            }
            Path jobJar = jar != null ? jar : JobJar.built();
            ClusterRest rest = new ClusterRest(state.restAddress());
            String jarId = rest.upload(jobJar);
            String jobId = rest.run(jarId, args);
            System.out.println("Submitted " + jobJar.getFileName() + ": job " + jobId);
            return 0;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Print processes, Prometheus endpoints and jobs as JSON.")
    static final class Status implements Callable<Integer> {
        @Option(
                names = "--dir",
                defaultValue = DEFAULT_DIR,
                description = "Cluster directory (default ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            ClusterState state = ClusterState.read(dir);
            Map<String, Object> status = new LinkedHashMap<>();
            List<Map<String, Object>> processes = new ArrayList<>();
            state.processes()
                    .forEach(
                            p -> {
                                Map<String, Object> entry = new LinkedHashMap<>();
                                entry.put("role", p.role());
                                entry.put("pid", p.pid());
                                entry.put("ports", p.ports());
                                entry.put("log", p.log());
                                entry.put("alive", p.alive());
                                processes.add(entry);
                            });
            status.put("processes", processes);
            status.put("prometheus", state.prometheus());
            status.put("rest", state.restAddress());
            status.put("kafka", state.bootstrapServers());
            Object jobs;
            try {
                jobs = new ClusterRest(state.restAddress()).jobs();
            } catch (Exception unreachable) {
                jobs = List.of();
            }
            status.put("jobs", jobs);
            System.out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(status));
            return 0;
        }
    }

    @Command(
            name = "down",
            mixinStandardHelpOptions = true,
            description = "Stop every process of the cluster and remove its directory.")
    static final class Down implements Callable<Integer> {
        @Option(
                names = "--dir",
                defaultValue = DEFAULT_DIR,
                description = "Cluster directory (default ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            new StandaloneCluster(dir, System.out).down();
            System.out.println("Cluster down; removed " + dir);
            return 0;
        }
    }
}
