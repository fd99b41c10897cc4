package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.PipelineSettings;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.kafka.KafkaConnectors;
import io.nlpstream.jobs.local.LatencyStats;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.Timings;
import io.nlpstream.serving.datasets.LabelledText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input, rules and labels mixed into real text (issue 11): every record ends in exactly one
 * output with the outcome operators/README.md documents, the job neither fails nor restarts, and
 * the good records keep their latency.
 */
class PoisonSuiteITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    private static final int MAX_RECORD_BYTES = 200_000;
    private static final int WARM_UP = 20;
    private static final int BURST = 10_000;
    private static final int TAIL_GROUPS = 6;
    private static final long JOB_END_TIMEOUT_S = 120;

    /**
     * Generous for this loaded 2-core machine, where the good records' p99 measured 2-4 s (most of
     * it behind the rule burst, which shares the cores), yet below what a stalled decision path (a
     * rule set rebuilt per update, a regex compiled or searched without its budget) would add.
     */
    private static final long P99_BOUND_MS = 10_000;

    private static final String SCORED = "scored";

    /** One input record, its id when its format carries one, and where it must end. */
    private record Input(String name, byte[] value, String id, String stage, String reason) {
        boolean scored() {
            return SCORED.equals(stage);
        }
    }

    @Test
    void poisonEndsInExactlyOneDocumentedOutputWithoutRestartOrStall(
            @InjectClusterClient ClusterClient<?> cluster) throws Exception {
        long started = System.nanoTime();
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "poison");
        topics.options.set(JobOptions.MAX_TEXT_BYTES, MAX_RECORD_BYTES);
        String inputTopic = topics.options.get(JobOptions.INPUT_TOPIC);
        String rulesTopic = topics.options.get(JobOptions.RULES_TOPIC);
        String feedbackTopic = topics.options.get(JobOptions.FEEDBACK_TOPIC);

        List<Input> good = new ArrayList<>();
        TestInputs.sentences("amazon", 120).forEach(t -> good.add(sentence(t, TestInputs.avro(t))));
        TestInputs.sentences("yelp", 100).forEach(t -> good.add(sentence(t, TestInputs.json(t))));
        TestInputs.sentences("imdb", 100).forEach(t -> good.add(plainSentence(t)));
        List<Input> warmUp = good.subList(0, WARM_UP);
        List<Input> rest = new ArrayList<>(good.subList(WARM_UP, good.size()));
        List<Input> poison = poisonCases();
        rest.addAll(poison);
        Collections.shuffle(rest, new Random(11));
        List<Input> all = new ArrayList<>(warmUp);
        all.addAll(rest);

        List<byte[]> hostileRules =
                List.of(
                        rule("hostile-heap", "REGEX", "(?:(?:a{1000}){1000}){1000}", 1),
                        rule("hostile-scan", "REGEX", "(?:a{1000}){1000}b", 1));
        List<byte[]> rules = new ArrayList<>(hostileRules);
        for (int i = 0; i < BURST; i++) {
            rules.add(rule("burst-" + (i % 5), "KEYWORD", "zqxj" + i, 1 + i / 5));
        }
        // Matches every text: the first record it fires on shows the burst has been applied.
        rules.add(rule("burst-done", "REGEX", ".", 1));
        List<byte[]> feedback =
                List.of(
                        label(warmUp.get(0).id(), "positive"),
                        label(warmUp.get(1).id(), "Spam"),
                        label(warmUp.get(2).id(), "neutral"));

        Map<TopicPartition, Long> ends = new HashMap<>();
        ends.put(new TopicPartition(inputTopic, 0), (long) (all.size() + 1) / 2);
        ends.put(new TopicPartition(inputTopic, 1), (long) all.size() / 2);
        ends.put(new TopicPartition(rulesTopic, 0), (long) rules.size());
        ends.put(new TopicPartition(feedbackTopic, 0), (long) feedback.size());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobConfiguration.configureEnvironment(env, topics.options);
        NlpStreamJob.defineWorkflow(
                KnownEndSources.of(env, topics.options, ends),
                KafkaConnectors.sinks(topics.options),
                PipelineSettings.fromOptions(topics.options));
        JobClient job = env.executeAsync("poison");

        Map<Input, String> coordinates = new IdentityHashMap<>();
        long burstStart;
        long burstDoneSent;
        try (OutputReader out = new OutputReader(topics.options);
                KafkaProducer<byte[], byte[]> producer =
                        KafkaClients.producer(topics.bootstrapServers())) {
            // The first records wait for the job to start and load the model: not timed.
            send(producer, inputTopic, all, 0, WARM_UP, coordinates);
            assertThat(out.pollUntil(() -> out.accounted() >= WARM_UP, Duration.ofSeconds(120)))
                    .as("warm-up records decided")
                    .isTrue();

            CompletableFuture<long[]> ruleTimes = new CompletableFuture<>();
            int group = 6;
            int tail = all.size() - TAIL_GROUPS * group;
            for (int from = WARM_UP; from < all.size(); from += group) {
                send(
                        producer,
                        inputTopic,
                        all,
                        from,
                        Math.min(all.size(), from + group),
                        coordinates);
                if (from == WARM_UP + 5 * group) {
                    ruleTimes =
                            CompletableFuture.supplyAsync(() -> publish(topics, rulesTopic, rules));
                }
                // The last groups wait for a decision that shows the whole burst applied (on a
                // slow machine the paced records could otherwise all be decided before it).
                if (from >= tail) {
                    out.pollUntil(() -> burstApplied(out), Duration.ofSeconds(3));
                }
                out.poll(Duration.ofMillis(250));
            }
            long[] times = ruleTimes.get(60, TimeUnit.SECONDS);
            burstStart = times[0];
            burstDoneSent = times[1];
            // To the partition whose end offset the feedback source waits for.
            for (byte[] value : feedback) {
                producer.send(new ProducerRecord<>(feedbackTopic, 0, null, value));
            }
            producer.flush();

            try {
                job.getJobExecutionResult().get(JOB_END_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                out.poll(Duration.ofSeconds(1));
                throw new AssertionError(
                        "the job did not end within "
                                + JOB_END_TIMEOUT_S
                                + " s of the last input; "
                                + out.accounted()
                                + " of "
                                + all.size()
                                + " records accounted; "
                                + progress(cluster, job),
                        e);
            }
            assertThat(
                            out.pollUntil(
                                    () ->
                                            out.accounted() >= all.size()
                                                    && stage(out, "RULE_UPDATE").size() >= 2
                                                    && stage(out, "FEEDBACK").size() >= 2,
                                    Duration.ofSeconds(60)))
                    .as("outcomes read")
                    .isTrue();
            out.poll(Duration.ofSeconds(1));

            assertNoFailureAndNoRestart(cluster, job);
            assertEveryRecordEndsOnceAsDocumented(out, all, coordinates);
            assertHostileRulesAndLabelsAreDeadLetters(out, warmUp);
            assertGoodRecordsKeepTheirLatency(out, rest, coordinates, burstStart, burstDoneSent);
        }
        System.out.printf(
                "poison suite: %d records (%d poison), %d rule updates, ran %.1f s%n",
                all.size(), poison.size(), rules.size(), (System.nanoTime() - started) / 1e9);
    }

    private static void assertNoFailureAndNoRestart(ClusterClient<?> cluster, JobClient job)
            throws Exception {
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.FINISHED);
        ObjectMapper json = new ObjectMapper();
        String base = cluster.getWebInterfaceURL() + "/jobs/" + job.getJobID();
        JsonNode details = json.readTree(get(base));
        // A global restart passes through RESTARTING; a regional one only leaves an exception.
        assertThat(details.path("timestamps").path("RESTARTING").asLong(-1)).isZero();
        JsonNode exceptions = json.readTree(get(base + "/exceptions"));
        assertThat(exceptions.path("exceptionHistory").path("entries"))
                .as("failures handled by the job")
                .isEmpty();
        System.out.println("poison suite: job FINISHED, no failure and no restart");
    }

    private static void assertEveryRecordEndsOnceAsDocumented(
            OutputReader out, List<Input> all, Map<Input, String> coordinates) {
        // Where each output says it came from: an id, or for a parse failure the input offset.
        Map<String, List<String>> outcomes = new HashMap<>();
        Map<String, String> reasons = new HashMap<>();
        out.predictions.forEach(p -> add(outcomes, p.getId(), "prediction"));
        out.review.forEach(r -> add(outcomes, r.getId(), "review"));
        for (DeadLetter d : out.inputDeadLetters()) {
            String key =
                    d.getOffset() == null
                            ? d.getId()
                            : d.getTopic() + "-" + d.getPartition() + "-" + d.getOffset();
            add(outcomes, key, d.getStage());
            reasons.put(key, d.getReason());
        }
        int matched = 0;
        System.out.println("poison suite: | case | outcome | reason |");
        for (Input input : all) {
            String at = coordinates.get(input);
            List<String> seen = new ArrayList<>(outcomes.getOrDefault(at, List.of()));
            if (input.id() != null) {
                seen.addAll(outcomes.getOrDefault(input.id(), List.of()));
            }
            assertThat(seen).as("outcomes of %s (%s)", input.name(), at).hasSize(1);
            matched++;
            String outcome = seen.get(0);
            String reason = reasons.getOrDefault(at, reasons.get(input.id()));
            if (input.name().startsWith("sentence ")) {
                assertThat(outcome).as(input.name()).isIn("prediction", "review");
                continue;
            }
            System.out.printf(
                    "poison suite: | %s | %s | %s |%n",
                    input.name(), outcome, reason == null ? "" : reason);
            if (input.scored()) {
                assertThat(outcome).as(input.name()).isIn("prediction", "review");
            } else {
                assertThat(outcome).as(input.name()).isEqualTo(input.stage());
                assertThat(reason).as(input.name()).matches(input.reason());
            }
        }
        // Nothing else came out: every output belongs to exactly one input.
        assertThat(out.accounted()).isEqualTo(matched);
    }

    private static void assertHostileRulesAndLabelsAreDeadLetters(
            OutputReader out, List<Input> warmUp) {
        assertThat(stage(out, "RULE_UPDATE"))
                .extracting(DeadLetter::getId, DeadLetter::getReason)
                .satisfiesExactlyInAnyOrder(
                        t -> assertBudget(t.toList(), "hostile-heap"),
                        t -> assertBudget(t.toList(), "hostile-scan"));
        stage(out, "RULE_UPDATE")
                .forEach(
                        d ->
                                System.out.printf(
                                        "poison suite: | rule %s | RULE_UPDATE | %s |%n",
                                        d.getId(), d.getReason()));
        assertThat(stage(out, "FEEDBACK"))
                .extracting(DeadLetter::getId, DeadLetter::getReason)
                .satisfiesExactlyInAnyOrder(
                        t ->
                                assertThat(t.toList())
                                        .containsExactly(
                                                warmUp.get(1).id(),
                                                "label 'Spam' is not one of the model's labels"
                                                        + " [negative, positive]"),
                        t ->
                                assertThat(t.toList())
                                        .containsExactly(
                                                warmUp.get(2).id(),
                                                "label 'neutral' is not one of the model's labels"
                                                        + " [negative, positive]"));
        stage(out, "FEEDBACK")
                .forEach(
                        d ->
                                System.out.printf(
                                        "poison suite: | label for %s | FEEDBACK | %s |%n",
                                        d.getId(), d.getReason()));
        assertThat(out.alerts).isEmpty();
    }

    private static void assertBudget(List<Object> idAndReason, String id) {
        assertThat(idAndReason.get(0)).isEqualTo(id);
        assertThat((String) idAndReason.get(1))
                .matches(
                        "rule "
                                + id
                                + ": regex may compile to \\d+ instructions, above the limit of"
                                + " 1000 per rule");
    }

    private static void assertGoodRecordsKeepTheirLatency(
            OutputReader out,
            List<Input> timed,
            Map<Input, String> coordinates,
            long burstStart,
            long burstDoneSent) {
        Map<String, Timings> timings = new HashMap<>();
        Map<String, Long> appliedAt = new HashMap<>();
        for (Prediction p : out.predictions) {
            timings.put(p.getId(), p.getTimings());
            if (p.getRulesFired().contains("burst-done")) {
                appliedAt.put(p.getId(), p.getTimings().getEmitTime());
            }
        }
        for (ReviewTask r : out.review) {
            timings.put(r.getId(), r.getTimings());
            if (r.getRulesFired().contains("burst-done")) {
                appliedAt.put(r.getId(), r.getTimings().getEmitTime());
            }
        }
        assertThat(appliedAt).as("records decided after the last rule update").isNotEmpty();
        long firstApplied = Collections.min(appliedAt.values());
        LatencyStats all = new LatencyStats();
        LatencyStats duringBurst = new LatencyStats();
        // Where the time goes: waiting for the model, in it, and after it (router, rules, sink).
        LatencyStats[] parts = {new LatencyStats(), new LatencyStats(), new LatencyStats()};
        LatencyStats[] partsDuringBurst = {
            new LatencyStats(), new LatencyStats(), new LatencyStats()
        };
        Map<Long, LatencyStats> bySecond = new TreeMap<>();
        for (Input input : timed) {
            if (!input.name().startsWith("sentence ")) {
                continue;
            }
            Timings t = timings.get(input.id() == null ? coordinates.get(input) : input.id());
            long latency = t.getEmitTime() - t.getIngestTime();
            long[] split = {
                t.getInferenceStart() - t.getIngestTime(),
                t.getInferenceEnd() - t.getInferenceStart(),
                t.getEmitTime() - t.getInferenceEnd()
            };
            boolean inBurst = t.getIngestTime() >= burstStart && t.getIngestTime() <= firstApplied;
            all.record(latency);
            for (int i = 0; i < split.length; i++) {
                parts[i].record(split[i]);
                if (inBurst) {
                    partsDuringBurst[i].record(split[i]);
                }
            }
            if (inBurst) {
                duringBurst.record(latency);
            }
            bySecond.computeIfAbsent(
                            Math.floorDiv(t.getIngestTime() - burstStart, 1000L),
                            s -> new LatencyStats())
                    .record(latency);
        }
        System.out.printf(
                "poison suite: good-record latency (emit - ingest, ms): all %s; ingested during the"
                        + " rule burst %s%n",
                all.summary(), duringBurst.summary());
        System.out.printf(
                "poison suite: p50/p99 ms before the model, in it, after it: all %s; during the"
                        + " burst %s%n",
                percentiles(parts), percentiles(partsDuringBurst));
        StringBuilder timeline = new StringBuilder();
        bySecond.forEach(
                (second, stats) ->
                        timeline.append(
                                String.format(
                                        " %+ds:%d/%d",
                                        second, stats.percentile(50), stats.percentile(100))));
        System.out.printf(
                "poison suite: latency p50/max ms by second of ingest from the burst's start:%s%n",
                timeline);
        System.out.printf(
                "poison suite: rule burst of %d updates: first sent to first decision with the"
                        + " last rule applied %d ms (last rule sent to applied %d ms)%n",
                BURST + 1, firstApplied - burstStart, firstApplied - burstDoneSent);
        assertThat(all.count()).isGreaterThan(250);
        assertThat(all.percentile(99)).as("p99 latency ms").isLessThan(P99_BOUND_MS);
        assertThat(duringBurst.count()).isPositive();
        assertThat(duringBurst.percentile(99))
                .as("p99 latency during the burst")
                .isLessThan(P99_BOUND_MS);
        // How long the burst takes to apply is reported, not bounded: the rule engine shares two
        // cores with the model, and what the issue forbids is a stall of the records meanwhile.
    }

    private static String percentiles(LatencyStats[] parts) {
        StringBuilder out = new StringBuilder();
        for (LatencyStats part : parts) {
            out.append(out.length() == 0 ? "" : ", ")
                    .append(part.percentile(50))
                    .append('/')
                    .append(part.percentile(99));
        }
        return out.toString();
    }

    private static List<Input> poisonCases() throws Exception {
        byte[] avro =
                TestInputs.avro(
                        new LabelledText(
                                "avro-ok", "amazon", "Fine text.", "positive", 1_764_000_000_000L));
        byte[] invalidAvro = Arrays.copyOf(avro, avro.length);
        Arrays.fill(invalidAvro, 10, invalidAvro.length, (byte) 0xFF);
        byte[] unknownFingerprint = Arrays.copyOf(avro, avro.length);
        unknownFingerprint[9] ^= 0x01;
        String parse = "PARSE";
        return List.of(
                new Input("invalid Avro", invalidAvro, null, parse, "invalid Avro TextEvent: .*"),
                new Input(
                        "truncated Avro",
                        Arrays.copyOf(avro, avro.length / 2),
                        null,
                        parse,
                        "invalid Avro TextEvent: .*"),
                new Input(
                        "unknown fingerprint",
                        unknownFingerprint,
                        null,
                        parse,
                        "unknown TextEvent schema: fingerprint [0-9a-f]{16} is not a known version"),
                new Input(
                        "invalid UTF-8",
                        new byte[] {'o', 'k', (byte) 0xFF, 'x'},
                        null,
                        parse,
                        "invalid UTF-8 at byte 2"),
                new Input("empty value", new byte[0], null, parse, "empty record value"),
                new Input("null value (tombstone)", null, null, parse, "empty record value"),
                new Input("whitespace only", utf8(" \t\r\n  \u3000 "), null, parse, "empty text"),
                new Input("BOM only", utf8("\uFEFF"), null, parse, "empty text"),
                new Input(
                        "NUL",
                        utf8("abc\u0000def"),
                        null,
                        parse,
                        "control character U\\+0000 at index 3"),
                json(
                        "other control character (JSON escape)",
                        "p-bell",
                        "\"ring \\u0007 the bell\"",
                        parse,
                        "control character U\\+0007 at index 5"),
                json(
                        "emoji only",
                        "p-emoji",
                        "\"\uD83D\uDE00\uD83D\uDE02\uD83D\uDC4D\"",
                        SCORED,
                        null),
                json(
                        "mixed scripts with right-to-left marks",
                        "p-rtl",
                        "\"Order \u200F\u05D4\u05D6\u05DE\u05E0\u05D4\u200E #42 \u0645\u0631\u062D\u0628\u0627 \u4F60\u597D\"",
                        SCORED,
                        null),
                new Input(
                        "byte order mark before JSON",
                        utf8(
                                "\uFEFF{\"id\": \"p-bom\", \"text\": \"BOM first, then a fine product\"}"),
                        "p-bom",
                        SCORED,
                        null),
                new Input(
                        "100,000-character single token",
                        utf8("a".repeat(100_000)),
                        null,
                        SCORED,
                        null),
                new Input(
                        "text over the size limit",
                        utf8("b".repeat(MAX_RECORD_BYTES + 1)),
                        null,
                        parse,
                        "record of 200001 bytes exceeds the limit of 200000"),
                new Input(
                        "zero-width and no-break spaces only",
                        utf8("\u200B\u00A0\u200B"),
                        null,
                        "INFERENCE",
                        "text has no tokens the model knows"),
                new Input(
                        "JSON without text",
                        utf8("{\"id\": \"p-notext\", \"body\": \"hi\"}"),
                        "p-notext",
                        parse,
                        "JSON object has no field 'text'"),
                json(
                        "JSON text an array",
                        "p-array-text",
                        "[\"a\"]",
                        parse,
                        "field 'text' must be a string, was an array"),
                json(
                        "JSON text a number",
                        "p-number-text",
                        "42",
                        parse,
                        "field 'text' must be a string, was a number"),
                json("JSON text null", "p-null-text", "null", parse, "field 'text' is null"),
                new Input(
                        "JSON nested 5,000 deep",
                        utf8("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)),
                        null,
                        parse,
                        "invalid JSON: .*nesting depth.*"),
                new Input(
                        "JSON arrays nested 5,000 deep",
                        utf8("[".repeat(5_000) + "]".repeat(5_000)),
                        null,
                        parse,
                        "invalid JSON: .*nesting depth.*"),
                new Input(
                        "truncated JSON",
                        utf8("{\"id\": \"p-truncated\", \"text\": \"half a rec"),
                        "p-truncated",
                        parse,
                        "invalid JSON: .*end-of-input.*"),
                new Input(
                        "top-level JSON array",
                        utf8("[{\"text\": \"a\"}, {\"text\": \"b\"}]"),
                        null,
                        parse,
                        "JSON value is an array, not an object"),
                json(
                        "unpaired high surrogate escape",
                        "p-high",
                        "\"broken \\ud83d emoji\"",
                        parse,
                        "unpaired high surrogate at index 7"),
                json(
                        "unpaired low surrogate escape",
                        "p-low",
                        "\"\\ude00 starts low\"",
                        parse,
                        "unpaired low surrogate at index 0"),
                new Input(
                        "unpaired surrogate escape in id",
                        utf8("{\"id\": \"a\\udc00\", \"text\": \"ok\"}"),
                        null,
                        parse,
                        "field 'id' has an unpaired surrogate at index 1"),
                new Input(
                        "HTML (plain text)",
                        utf8("<script>alert('x')</script><b>great</b> product"),
                        null,
                        SCORED,
                        null),
                json(
                        "HTML in JSON text",
                        "p-html",
                        "\"<img src=x onerror=alert(1)> terrible service\"",
                        SCORED,
                        null),
                json(
                        "SQL injection",
                        "p-sql",
                        "\"Robert'); DROP TABLE students;-- was here, loved it\"",
                        SCORED,
                        null),
                new Input(
                        "SQL injection (plain text)",
                        utf8("1' OR '1'='1'; -- the worst phone I ever bought"),
                        null,
                        SCORED,
                        null));
    }

    private static Input json(
            String name, String id, String textJson, String stage, String reason) {
        return new Input(
                name,
                utf8("{\"id\": \"" + id + "\", \"text\": " + textJson + "}"),
                id,
                stage,
                reason);
    }

    private static Input sentence(LabelledText t, byte[] value) {
        return new Input("sentence " + t.id(), value, t.id(), SCORED, null);
    }

    private static Input plainSentence(LabelledText t) {
        return new Input("sentence " + t.id(), TestInputs.plain(t), null, SCORED, null);
    }

    /** Sends {@code all[from, to)} alternating partitions by position, and notes each offset. */
    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            List<Input> all,
            int from,
            int to,
            Map<Input, String> coordinates)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = from; i < to; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, i % 2, null, all.get(i).value())));
        }
        producer.flush();
        for (int i = from; i < to; i++) {
            RecordMetadata m = sent.get(i - from).get();
            coordinates.put(all.get(i), m.topic() + "-" + m.partition() + "-" + m.offset());
        }
    }

    /** Publishes the rules; returns when the first was sent and when the last was. */
    private static long[] publish(KafkaTestTopics topics, String topic, List<byte[]> rules) {
        long first = System.currentTimeMillis();
        topics.send(topic, rules.subList(0, rules.size() - 1));
        long last = System.currentTimeMillis();
        topics.send(topic, rules.subList(rules.size() - 1, rules.size()));
        return new long[] {first, last};
    }

    private static boolean burstApplied(OutputReader out) {
        return out.predictions.stream().anyMatch(p -> p.getRulesFired().contains("burst-done"))
                || out.review.stream().anyMatch(r -> r.getRulesFired().contains("burst-done"));
    }

    private static List<DeadLetter> stage(OutputReader out, String stage) {
        return out.deadLetters.stream().filter(d -> stage.equals(d.getStage())).toList();
    }

    private static void add(Map<String, List<String>> outcomes, String key, String outcome) {
        outcomes.computeIfAbsent(key, k -> new ArrayList<>()).add(outcome);
    }

    private static byte[] rule(String id, String kind, String expression, int version) {
        return utf8(
                "{\"id\":\""
                        + id
                        + "\",\"kind\":\""
                        + kind
                        + "\",\"expression\":\""
                        + expression
                        + "\",\"action\":\"ROUTE\",\"action_arg\":\""
                        + id
                        + "\",\"version\":"
                        + version
                        + "}");
    }

    private static byte[] label(String id, String label) {
        return utf8("{\"id\": \"" + id + "\", \"label\": \"" + label + "\"}");
    }

    /** Each task's state and record counts, and the checkpoints, as the REST API reports them. */
    private static String progress(ClusterClient<?> cluster, JobClient job) {
        try {
            ObjectMapper json = new ObjectMapper();
            String base = cluster.getWebInterfaceURL() + "/jobs/" + job.getJobID();
            StringBuilder report = new StringBuilder();
            for (JsonNode v : json.readTree(get(base)).path("vertices")) {
                report.append(
                        String.format(
                                "%n  %s: %s, in %d, out %d",
                                v.path("name").asText(),
                                v.path("status").asText(),
                                v.path("metrics").path("read-records").asLong(),
                                v.path("metrics").path("write-records").asLong()));
            }
            JsonNode checkpoints = json.readTree(get(base + "/checkpoints")).path("counts");
            return report.append(String.format("%n  checkpoints %s", checkpoints)).toString();
        } catch (Exception e) {
            return "no progress report: " + e;
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
