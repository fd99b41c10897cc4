package io.nlpstream.jobs.local;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.cluster.ClusterRest;
import io.nlpstream.jobs.cluster.ClusterState;
import io.nlpstream.jobs.cluster.JobJar;
import io.nlpstream.jobs.kafka.KafkaClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * One local session, as {@code run}, {@code drift-demo}, {@code bench} and the profile demos use
 * it: the embedded broker and the job's topics, the job on an in-JVM Flink cluster with its REST
 * API, the producer that replays a stream into it and the read_committed reader of its outputs.
 * {@link #onCluster} gives the same session on a standalone cluster ({@code nlp-stream cluster
 * up}): its broker, and the job jar submitted through its REST API.
 */
public final class LocalSession implements AutoCloseable {
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafka kafka;
    private final boolean ownsBroker;
    private final String bootstrapServers;
    private final ClusterState cluster;
    private JobClient job;
    private String clusterJobId;
    private FlinkRest rest;
    private int port;

    private LocalSession(
            EmbeddedKafka kafka,
            boolean ownsBroker,
            String bootstrapServers,
            ClusterState cluster) {
        this.kafka = kafka;
        this.ownsBroker = ownsBroker;
        this.bootstrapServers = bootstrapServers;
        this.cluster = cluster;
    }

    private LocalSession(EmbeddedKafka kafka, boolean ownsBroker) {
        this(kafka, ownsBroker, kafka.bootstrapServers(), null);
    }

    /** A session on the standalone cluster whose state lives in {@code clusterDir}. */
    public static LocalSession onCluster(Path clusterDir) throws IOException {
        JobConfiguration.trustSchemaPackage();
        ClusterState state = ClusterState.read(clusterDir);
        return new LocalSession(null, false, state.bootstrapServers(), state);
    }

    /** Starts a broker of its own, closed with the session. */
    public static LocalSession start() throws Exception {
        JobConfiguration.trustSchemaPackage();
        return new LocalSession(EmbeddedKafka.start(), true);
    }

    /** A session on a broker that outlives it (the bench runs one job per phase on one broker). */
    public static LocalSession on(EmbeddedKafka kafka) {
        JobConfiguration.trustSchemaPackage();
        return new LocalSession(kafka, false);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** A copy of the options pointed at this session's broker. */
    public Configuration options(Configuration options) {
        Configuration copy = new Configuration(options);
        copy.set(JobOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        return copy;
    }

    /** Creates every topic the options name; returns them with their partitions. */
    public Map<String, Integer> createJobTopics(Configuration options, int partitions)
            throws Exception {
        Map<String, Integer> topics = JobTopics.partitions(options, partitions);
        if (cluster != null) {
            io.nlpstream.jobs.cluster.JobTopics.createMissing(bootstrapServers, options);
        } else {
            kafka.createTopics(topics);
        }
        return topics;
    }

    /**
     * Starts the job of the options (pointed at this broker by {@link #options}) on a fresh in-JVM
     * cluster with one slot per parallel subtask, its web UI and REST API on a free port, and the
     * Prometheus reporter when {@code prometheus} is set.
     */
    public JobClient startJob(Configuration options, String name, boolean prometheus)
            throws Exception {
        if (job != null) {
            throw new IllegalStateException("a job already runs in this session");
        }
        port = LocalCluster.freePort();
        int slots = options.get(JobOptions.PARALLELISM);
        Configuration cluster;
        if (prometheus) {
            cluster = LocalCluster.configuration(port, slots);
        } else {
            cluster = LocalCluster.base(port, slots);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(cluster);
        NlpStreamJob.buildJob(env, options);
        job = env.executeAsync(name);
        rest = new FlinkRest(port, job.getJobID().toString());
        return job;
    }

    /**
     * Starts the job of the options: on the in-JVM cluster with the Prometheus reporter ({@link
     * #startJob}), or on the standalone cluster by submitting the job jar. Returns the job's id.
     */
    public String submitJob(Configuration options, String name) throws Exception {
        if (cluster == null) {
            return startJob(options, name, true).getJobID().toString();
        }
        ClusterRest clusterRest = new ClusterRest(cluster.restAddress());
        List<String> args = new ArrayList<>();
        options.toMap()
                .forEach(
                        (key, value) -> {
                            args.add("--" + key);
                            args.add(value);
                        });
        clusterJobId = clusterRest.run(clusterRest.upload(JobJar.built()), args);
        port = URI.create(cluster.restAddress()).getPort();
        rest = new FlinkRest(port, clusterJobId);
        return clusterJobId;
    }

    /** Where the job's metrics are scraped. */
    public String prometheusEndpoints() {
        if (cluster != null) {
            return String.join(" ", cluster.prometheus());
        }
        return "http://localhost:"
                + LocalCluster.PROMETHEUS_PORTS.split("-")[0]
                + "/metrics (first free port of "
                + LocalCluster.PROMETHEUS_PORTS
                + ")";
    }

    /** The job's state as Flink names it (RUNNING, FAILED, ...). */
    public String jobState() throws Exception {
        if (cluster != null) {
            for (Map<String, String> j : new ClusterRest(cluster.restAddress()).jobs()) {
                if (j.get("id").equals(clusterJobId)) {
                    return j.get("state");
                }
            }
            return "UNKNOWN";
        }
        return job.getJobStatus().get(10, TimeUnit.SECONDS).name();
    }

    /** Waits until every vertex runs; fails at once when the job ends before. */
    public void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!rest.allVerticesRunning()) {
            if (jobEnded()) {
                throw new IllegalStateException("the job ended before it ran: " + jobState());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "the job did not start within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    public boolean jobEnded() throws Exception {
        if (cluster != null) {
            return JobStatus.valueOf(jobState()).isGloballyTerminalState();
        }
        return job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState();
    }

    public JobClient job() {
        return job;
    }

    public FlinkRest rest() {
        return rest;
    }

    public int webUiPort() {
        return port;
    }

    /** A replayer of {@code records} into {@code topic} at {@code ratePerSecond} (0 = at once). */
    public StreamReplayer replayer(
            String topic,
            List<byte[]> records,
            double ratePerSecond,
            Consumer<IngestRejection> onRejection) {
        return new StreamReplayer(bootstrapServers, topic, records, ratePerSecond, onRejection);
    }

    /** A reader of committed outputs only, from the earliest offset. */
    public KafkaConsumer<byte[], byte[]> reader(String groupId) {
        return KafkaClients.readCommittedConsumer(bootstrapServers, groupId);
    }

    /** Cancels the job and waits until it has ended; its cluster and model go with it. */
    public void stopJob() {
        if (clusterJobId != null) {
            try {
                new ClusterRest(cluster.restAddress()).cancel(clusterJobId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The cluster is gone; nothing is left to stop.
            } finally {
                clusterJobId = null;
            }
            return;
        }
        if (job == null) {
            return;
        }
        try {
            job.cancel().get(CANCEL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + CANCEL_TIMEOUT.toMillis();
            while (System.currentTimeMillis() < deadline && !jobEnded()) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The cluster may already be gone once the job is cancelled; nothing is left to stop.
        } finally {
            job = null;
        }
    }

    /** Starts {@code task} on a daemon thread named {@code name}. */
    public static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws Exception {
        stopJob();
        if (ownsBroker) {
            kafka.close();
        }
    }
}
