package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The main job end to end: a real KRaft broker, a Flink MiniCluster and the real model. */
class PipelineITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    @Test
    void everyInputFormatIsParsedScoredAndAccountedForExactlyOnce() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "formats");
        topics.options.set(JobOptions.BOUNDED, true);
        List<LabelledText> avro = TestInputs.sentences("amazon", 200);
        List<LabelledText> json = TestInputs.sentences("yelp", 100);
        List<LabelledText> plain = TestInputs.sentences("imdb", 50);
        List<byte[]> malformed =
                List.of(
                        new byte[] {(byte) 0xC3, 0x01, 9, 9, 9, 9, 9, 9, 9, 9, 1, 2, 3},
                        new byte[] {'b', 'a', 'd', (byte) 0xFF, (byte) 0xFE},
                        new byte[0],
                        "{\"id\": \"j\", \"text\": ".getBytes(StandardCharsets.UTF_8),
                        "   ".getBytes(StandardCharsets.UTF_8));
        List<byte[]> input = new ArrayList<>();
        input.addAll(TestInputs.all(avro, TestInputs::avro));
        input.addAll(TestInputs.all(json, TestInputs::json));
        input.addAll(TestInputs.all(plain, TestInputs::plain));
        input.addAll(malformed);
        topics.send(topics.options.get(JobOptions.INPUT_TOPIC), input);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, topics.options);
        env.execute("formats");

        try (OutputReader out = new OutputReader(topics.options)) {
            assertThat(out.pollUntil(() -> out.accounted() >= input.size(), Duration.ofSeconds(60)))
                    .isTrue();
            out.poll(Duration.ofSeconds(1));

            assertThat(out.accounted()).isEqualTo(input.size());
            assertThat(out.predictions.size() + out.review.size()).isEqualTo(350);
            assertThat(out.inputDeadLetters()).hasSize(5);
            assertThat(out.inputDeadLetters())
                    .extracting(DeadLetter::getStage)
                    .containsOnly("PARSE");
            assertThat(out.inputDeadLetters())
                    .extracting(DeadLetter::getReason)
                    .contains("empty record value", "empty text")
                    .anySatisfy(r -> assertThat(r).startsWith("unknown TextEvent schema"))
                    .anySatisfy(r -> assertThat(r).startsWith("invalid UTF-8"))
                    .anySatisfy(r -> assertThat(r).startsWith("invalid JSON"));

            Set<String> ids = new HashSet<>();
            out.predictions.forEach(
                    p -> assertThat(ids.add(p.getId())).as("duplicate %s", p.getId()).isTrue());
            out.review.forEach(
                    r -> assertThat(ids.add(r.getId())).as("duplicate %s", r.getId()).isTrue());
            Stream.concat(avro.stream(), json.stream())
                    .forEach(t -> assertThat(ids).contains(t.id()));
            assertThat(ids.stream().filter(id -> id.startsWith("formats-texts-"))).hasSize(50);

            for (Prediction p : out.predictions) {
                assertThat(p.getModelId()).isEqualTo("sentiment");
                assertThat(p.getConfidence()).isGreaterThanOrEqualTo(0.9);
                assertThat(p.getTimings().getEmitTime())
                        .isGreaterThanOrEqualTo(p.getTimings().getIngestTime());
            }
            for (ReviewTask r : out.review) {
                assertThat(r.getReason()).isEqualTo("LOW_CONFIDENCE");
                assertThat(r.getConfidence()).isLessThan(0.9);
            }

            // The real model does its job on the labelled sentences that took the automatic path.
            Map<String, String> truth =
                    TestInputs.labelsById(Stream.concat(avro.stream(), json.stream()).toList());
            long known = out.predictions.stream().filter(p -> truth.containsKey(p.getId())).count();
            long right =
                    out.predictions.stream()
                            .filter(p -> p.getLabel().equals(truth.get(p.getId())))
                            .count();
            assertThat(known).isGreaterThan(100);
            assertThat((double) right / known).isGreaterThan(0.9);
        }
    }

    @Test
    void aRulePublishedMidStreamChangesLaterDecisionsOnly() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "live-rules");
        String inputTopic = topics.options.get(JobOptions.INPUT_TOPIC);
        String rulesTopic = topics.options.get(JobOptions.RULES_TOPIC);
        List<LabelledText> before = TestInputs.sentences("yelp", 100);
        List<LabelledText> after = TestInputs.sentences("amazon", 100);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, topics.options);
        JobClient job = env.executeAsync("live-rules");
        try (OutputReader out = new OutputReader(topics.options)) {
            topics.send(inputTopic, TestInputs.all(before, TestInputs::avro));
            assertThat(out.pollUntil(() -> out.accounted() >= 100, Duration.ofSeconds(90)))
                    .isTrue();

            topics.send(
                    rulesTopic,
                    List.of(
                            utf8(
                                    "{\"id\":\"the-route\",\"kind\":\"KEYWORD\",\"expression\":\"the\",\"action\":\"ROUTE\","
                                            + "\"action_arg\":\"it-queue\",\"version\":1}"),
                            utf8(
                                    "{\"id\":\"broken\",\"kind\":\"REGEX\",\"expression\":\"(unclosed\",\"action\":\"ALERT\","
                                            + "\"version\":1}")));
            // Probes until the rule is seen to be active; they are accounted like any record.
            int probes = 0;
            while (true) {
                topics.send(inputTopic, List.of(utf8("the probe number " + probes + " was great")));
                probes++;
                int expected = 100 + probes;
                assertThat(out.pollUntil(() -> out.accounted() >= expected, Duration.ofSeconds(30)))
                        .isTrue();
                boolean routed =
                        Stream.concat(
                                        out.predictions.stream().map(Prediction::getQueue),
                                        out.review.stream().map(ReviewTask::getQueue))
                                .anyMatch("it-queue"::equals);
                if (routed) {
                    break;
                }
                assertThat(probes).as("rule never became active").isLessThan(40);
            }
            long accountedBefore = out.accounted();
            topics.send(inputTopic, TestInputs.all(after, TestInputs::avro));
            assertThat(
                            out.pollUntil(
                                    () -> out.accounted() >= accountedBefore + 100,
                                    Duration.ofSeconds(90)))
                    .isTrue();

            Set<String> beforeIds = new HashSet<>(before.stream().map(LabelledText::id).toList());
            Map<String, String> afterTexts = new java.util.HashMap<>();
            after.forEach(t -> afterTexts.put(t.id(), t.text()));
            List<String[]> decisions = new ArrayList<>(); // id, queue, rules
            out.predictions.forEach(
                    p ->
                            decisions.add(
                                    new String[] {
                                        p.getId(), p.getQueue(), p.getRulesFired().toString()
                                    }));
            out.review.forEach(
                    r ->
                            decisions.add(
                                    new String[] {
                                        r.getId(), r.getQueue(), r.getRulesFired().toString()
                                    }));
            int routedAfter = 0;
            for (String[] d : decisions) {
                if (beforeIds.contains(d[0])) {
                    assertThat(d[2]).doesNotContain("the-route");
                } else if (afterTexts.containsKey(d[0])) {
                    boolean hasThe = afterTexts.get(d[0]).toLowerCase().matches(".*\\bthe\\b.*");
                    assertThat("it-queue".equals(d[1])).as("record %s", d[0]).isEqualTo(hasThe);
                    routedAfter += hasThe ? 1 : 0;
                }
            }
            assertThat(routedAfter).isGreaterThan(10);
            assertThat(out.deadLetters)
                    .filteredOn(d -> "RULE_UPDATE".equals(d.getStage()))
                    .singleElement()
                    .satisfies(d -> assertThat(d.getReason()).contains("broken"));
            assertThat(out.accounted()).isEqualTo(200 + probes);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aLabelTheModelDoesNotHaveIsADeadLetterOfTheFeedbackAndNoOutcome() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "labels");
        topics.options.set(JobOptions.BOUNDED, true);
        List<LabelledText> texts = TestInputs.sentences("amazon", 20);
        topics.send(
                topics.options.get(JobOptions.INPUT_TOPIC),
                TestInputs.all(texts, TestInputs::avro));
        topics.send(
                topics.options.get(JobOptions.FEEDBACK_TOPIC),
                List.of(
                        feedback(texts.get(0).id(), "POSITIVE"),
                        feedback(texts.get(1).id(), "meh"),
                        feedback(texts.get(2).id(), "negative")));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, topics.options);
        env.execute("labels");

        try (OutputReader out = new OutputReader(topics.options)) {
            assertThat(
                            out.pollUntil(
                                    () ->
                                            out.accounted() >= texts.size()
                                                    && out.deadLetters.size() >= 1,
                                    Duration.ofSeconds(60)))
                    .isTrue();
            out.poll(Duration.ofSeconds(1));

            assertThat(out.accounted()).isEqualTo(texts.size());
            assertThat(out.inputDeadLetters()).isEmpty();
            assertThat(out.deadLetters)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.getStage()).isEqualTo("FEEDBACK");
                                assertThat(d.getId()).isEqualTo(texts.get(1).id());
                                assertThat(d.getReason())
                                        .isEqualTo(
                                                "label 'meh' is not one of the model's labels"
                                                        + " [negative, positive]");
                            });
        }
    }

    private static byte[] feedback(String id, String label) {
        return utf8("{\"id\": \"" + id + "\", \"label\": \"" + label + "\"}");
    }

    @Test
    void aLargeInvalidRecordLeavesAsOneBoundedDeadLetterInJsonOutput() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "oversized");
        topics.options.set(JobOptions.BOUNDED, true);
        topics.options.set(JobOptions.OUTPUT_FORMAT, "json");
        // JSON escapes each of these bytes to six: unbounded, the dead letter would be 1.05 MB,
        // over the producer's limit, and the sink would fail on it after every restart.
        byte[] invalid = new byte[175_000];
        Arrays.fill(invalid, (byte) 0x80);
        String sentence = TestInputs.sentences("amazon", 1).get(0).text();
        topics.send(topics.options.get(JobOptions.INPUT_TOPIC), List.of(invalid, utf8(sentence)));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, topics.options);
        env.execute("oversized");

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> dead = readAll(topics, JobOptions.DEAD_LETTER_TOPIC, json);
        assertThat(dead).hasSize(1);
        JsonNode d = dead.get(0);
        assertThat(d.get("reason").asText()).isEqualTo("invalid UTF-8 at byte 0");
        assertThat(d.get("original_length").asLong()).isEqualTo(175_000L);
        assertThat(d.get("original_sha256").asText()).hasSize(64);
        assertThat(d.toString().length()).isLessThan(64 * 1024);
        int decided =
                readAll(topics, JobOptions.PREDICTIONS_TOPIC, json).size()
                        + readAll(topics, JobOptions.REVIEW_TOPIC, json).size();
        assertThat(decided).isEqualTo(1);
    }

    private static List<JsonNode> readAll(
            KafkaTestTopics topics, ConfigOption<String> topic, ObjectMapper json)
            throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedConsumer(
                        topics.bootstrapServers(), "reader-" + topics.options.get(topic))) {
            consumer.subscribe(List.of(topics.options.get(topic)));
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(json.readTree(r.value()));
                }
            }
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
