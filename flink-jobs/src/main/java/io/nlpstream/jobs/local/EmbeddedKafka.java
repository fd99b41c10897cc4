package io.nlpstream.jobs.local;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.kafka.OutputFormat;
import io.nlpstream.jobs.kafka.OutputRecordLimits;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka broker running inside this JVM, with a data directory of its own.
 * Serves the embedded local run and the integration tests; it is configured so that transactional
 * (exactly-once) producers work with one broker.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final Path dataDir;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path dataDir) {
        this.cluster = cluster;
        this.dataDir = dataDir;
    }

    /** Formats storage in a fresh temporary directory and starts the broker. */
    public static EmbeddedKafka start() throws Exception {
        Path dataDir = Files.createTempDirectory("nlp-stream-kafka-");
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(dataDir)
                        .build();
        KafkaClusterTestKit cluster =
                new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "4")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "4")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        // A JSON output of the largest text the job accepts (escaping at most
                        // doubles it) must fit; Kafka's default of about 1 MiB would refuse it.
                        .setConfigProp(
                                "message.max.bytes",
                                String.valueOf(
                                        OutputRecordLimits.maxRequestBytes(
                                                OutputFormat.JSON,
                                                JobOptions.MAX_TEXT_BYTES.defaultValue())))
                        .setConfigProp(
                                "log.flush.interval.messages", String.valueOf(Long.MAX_VALUE))
                        .setDeleteOnClose(true)
                        .build();
        try {
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster, dataDir);
    }

    /**
     * Formats the broker's storage. Kafka's storage formatter prints its bootstrap metadata to
     * {@code System.out}, which would land on the user's console; the test kit offers no other
     * stream, so standard output is muted while it runs (nothing else prints during start-up).
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            cluster.format();
        } finally {
            System.setOut(console);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates each topic with the given number of partitions and waits until all exist. */
    public void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        partitionsByTopic.forEach(
                (name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    public Set<String> topics() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    /**
     * Stops the broker (its KRaft controller keeps running), waits {@code downtime}, and starts it
     * again in place: same port, same log directory. For fault tests.
     */
    public void restartBroker(Duration downtime) throws Exception {
        for (BrokerServer broker : cluster.brokers().values()) {
            broker.shutdown();
            broker.awaitShutdown();
        }
        Thread.sleep(downtime.toMillis());
        for (BrokerServer broker : cluster.brokers().values()) {
            broker.startup();
        }
        cluster.waitForReadyBrokers();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
