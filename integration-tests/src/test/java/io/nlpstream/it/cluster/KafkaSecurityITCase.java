package io.nlpstream.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.cluster.JobTopics;
import io.nlpstream.jobs.kafka.KafkaClientProperties;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka client security passes through: against a real broker that accepts only SASL clients, the
 * job (sources and exactly-once sinks), the topic tool and the test's own clients work when the
 * settings are given as {@code kafka.properties.*} options, and the SASL password appears in no log
 * line of the run.
 */
class KafkaSecurityITCase {
    private static final int RECORDS = 60;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @TempDir static Path dir;
    private static KafkaClusterTestKit broker;

    @BeforeAll
    static void startSaslBroker() throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(false)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setBaseDirectory(Files.createDirectories(dir.resolve("kafka")))
                        .build();
        broker =
                new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
        broker.format();
        broker.startup();
        broker.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void saslSettingsReachEveryClientAndThePasswordNoLogLine() throws Exception {
        // The broker accepts SASL clients only: a client without the settings gets nowhere.
        try (Admin plain = KafkaClients.admin(broker.bootstrapServers(), Map.of())) {
            assertThatThrownBy(() -> plain.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(TimeoutException.class);
        }
        String password = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;
        Map<String, String> client = new TreeMap<>();
        client.put("security.protocol", "SASL_PLAINTEXT");
        client.put("sasl.mechanism", "PLAIN");
        client.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + JaasUtils.KAFKA_PLAIN_ADMIN
                        + "\" password=\""
                        + password
                        + "\";");

        Configuration options = new Configuration();
        options.set(JobOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        options.set(JobOptions.OUTPUT_FORMAT, "json");
        options.set(JobOptions.PARALLELISM, 1);
        options.set(JobOptions.BOUNDED, true);
        options.set(JobOptions.TRANSACTIONAL_ID_PREFIX, "sasl-it");
        client.forEach((k, v) -> options.setString(KafkaClientProperties.PREFIX + k, v));

        StringWriter log = new StringWriter();
        try (AutoCloseable capture = captureLogs(log)) {
            JobTopics.createMissing(broker.bootstrapServers(), options);
            List<LabelledText> texts = Datasets.fromDefaultCache().uciSentiment("yelp");
            try (KafkaProducer<byte[], byte[]> producer =
                    KafkaClients.producer(broker.bootstrapServers(), client)) {
                for (LabelledText t : texts.subList(0, RECORDS)) {
                    producer.send(
                            new ProducerRecord<>(
                                    options.get(JobOptions.INPUT_TOPIC),
                                    t.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            NlpStreamJob.buildJob(env, options);
            JobClient job = env.executeAsync("sasl");
            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);

            Set<String> outcomes = new HashSet<>();
            try (KafkaConsumer<byte[], byte[]> reader =
                    KafkaClients.readCommittedConsumer(
                            broker.bootstrapServers(), "sasl-reader", client)) {
                reader.subscribe(
                        List.of(
                                options.get(JobOptions.PREDICTIONS_TOPIC),
                                options.get(JobOptions.REVIEW_TOPIC),
                                options.get(JobOptions.DEAD_LETTER_TOPIC)));
                long deadline = System.currentTimeMillis() + 60_000;
                while (outcomes.size() < RECORDS && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofSeconds(1))) {
                        outcomes.add(r.topic() + "/" + r.partition() + "/" + r.offset());
                    }
                }
            }
            assertThat(outcomes).as("outcomes read back through SASL").hasSize(RECORDS);
        }
        assertThat(log.toString())
                .as("the run logged its Kafka clients' configuration")
                .contains("sasl.jaas.config = [hidden]")
                .doesNotContain(password);
    }

    /**
     * Every log line at INFO and above goes to {@code out} (and not to the console) until closed.
     */
    private static AutoCloseable captureLogs(StringWriter out) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        var config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        Level level = root.getLevel();
        var consoles = Map.copyOf(root.getAppenders());
        WriterAppender appender =
                WriterAppender.newBuilder()
                        .setName("capture")
                        .setTarget(out)
                        .setLayout(PatternLayout.newBuilder().withPattern("%c - %m%n").build())
                        .build();
        appender.start();
        consoles.keySet().forEach(root::removeAppender);
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        return () -> {
            root.removeAppender("capture");
            consoles.values().forEach(a -> root.addAppender(a, null, null));
            root.setLevel(level);
            context.updateLoggers();
            appender.stop();
        };
    }
}
