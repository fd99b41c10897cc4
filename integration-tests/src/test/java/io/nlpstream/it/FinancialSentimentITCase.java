package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.profiles.Profile;
import io.nlpstream.jobs.profiles.ProfileDefaults;
import io.nlpstream.jobs.profiles.ProfileOptions;
import io.nlpstream.schemas.EntitySentiment;
import io.nlpstream.schemas.SpikeAlert;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The financial-sentiment profile end to end (real broker, MiniCluster, real sentiment model) on a
 * scripted event-time stream: two companies, one by its cashtag and one by a gazetteer alias,
 * talked about minute by minute; then one minute of only bad news about one of them, at the same
 * volume. Each company's sentiment series has one point per window, and the sharp fall alerts once.
 */
class FinancialSentimentITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2026-03-02T14:00:00Z").toEpochMilli();
    private static final int QUIET_MINUTES = 12;
    private static final int FALL_MINUTE = QUIET_MINUTES;
    private static final int MINUTES = QUIET_MINUTES + 1 + 4;
    private static final int PER_MINUTE = 20;

    private static final String[] GOOD = {
        "%s beat expectations, a great quarter and strong growth.",
        "Excellent results from %s, investors are delighted.",
        "%s shares rise after a wonderful product launch.",
        "Analysts love the new strategy at %s, very positive outlook."
    };
    private static final String[] BAD = {
        "%s misses badly, a terrible quarter and awful guidance.",
        "Disaster at %s: the recall is a horrible failure.",
        "%s shares collapse after the worst results in years."
    };

    @Test
    void aCompanysSentimentSeriesIsProducedPerWindowAndItsSharpFallAlerts() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "finance");
        Configuration options = topics.options;
        options.set(JobOptions.SPIKE_ALERTS_TOPIC, "finance-spike-alerts");
        options.set(JobOptions.ENTITY_SENTIMENT_TOPIC, "finance-entity-sentiment");
        BROKER.kafka()
                .createTopics(Map.of("finance-spike-alerts", 1, "finance-entity-sentiment", 1));
        options.set(JobOptions.BOUNDED, true);
        options.set(ProfileOptions.PROFILE, Profile.FINANCIAL_SENTIMENT.id());
        options.set(ProfileOptions.GAZETTEER, Map.of("Globex Corp", "GBX", "Globex", "GBX"));
        options.set(ProfileOptions.WINDOW_SIZE_MS, MINUTE);
        options.set(ProfileOptions.WARMUP_WINDOWS, 6);
        options.set(ProfileOptions.ALLOWED_LATENESS_MS, 0L);
        options.set(ProfileOptions.MAX_OUT_OF_ORDERNESS_MS, 5_000L);
        // event time is assigned after inference: a subtask slowed down by a loaded machine must
        // not count as idle while the other one finishes (its end-of-input watermark would
        // close every window before the slow subtask's texts arrive)
        options.set(ProfileOptions.IDLE_TIMEOUT_MS, 600_000L);
        options = ProfileDefaults.apply(options);

        List<byte[]> input = new ArrayList<>();
        for (int minute = 0; minute < MINUTES; minute++) {
            for (int i = 0; i < PER_MINUTE; i++) {
                long time = T0 + minute * MINUTE + i * (MINUTE / PER_MINUTE);
                boolean acmeBad = minute == FALL_MINUTE || i == 7;
                String acme = String.format(acmeBad ? BAD[i % 3] : GOOD[i % 4], "$ACME");
                input.add(json("acme-" + minute + "-" + i, acme, time));
                String globex = String.format(i == 11 ? BAD[i % 3] : GOOD[i % 4], "Globex Corp");
                input.add(json("globex-" + minute + "-" + i, globex, time + 1));
            }
            // one text names both: scored once, counted for each
            input.add(
                    json(
                            "both-" + minute,
                            "Great day for $ACME and Globex, both up strongly.",
                            T0 + minute * MINUTE + 30_001));
        }
        topics.send(
                options.get(JobOptions.RULES_TOPIC),
                ProfileDefaults.rules(Profile.FINANCIAL_SENTIMENT));
        topics.send(options.get(JobOptions.INPUT_TOPIC), input);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, options);
        env.execute("financial-sentiment");

        try (OutputReader out = new OutputReader(options)) {
            assertThat(out.pollUntil(() -> out.accounted() >= input.size(), Duration.ofSeconds(60)))
                    .isTrue();
            out.poll(Duration.ofSeconds(1));
            assertThat(out.accounted()).isEqualTo(input.size());
        }

        List<EntitySentiment> series = new ArrayList<>();
        for (byte[] v : readAll(options, "finance-entity-sentiment")) {
            series.add(EntitySentiment.fromByteBuffer(ByteBuffer.wrap(v)));
        }
        List<EntitySentiment> acme =
                series.stream().filter(p -> p.getEntity().equals("ACME")).toList();
        List<EntitySentiment> globex =
                series.stream().filter(p -> p.getEntity().equals("GBX")).toList();
        assertThat(series).extracting(EntitySentiment::getEntity).containsOnly("ACME", "GBX");
        assertThat(acme).hasSize(MINUTES).allMatch(p -> p.getCount() == PER_MINUTE + 1);
        assertThat(globex).hasSize(MINUTES).allMatch(p -> p.getCount() == PER_MINUTE + 1);
        EntitySentiment fall =
                acme.stream()
                        .filter(p -> p.getWindowStart() == T0 + FALL_MINUTE * MINUTE)
                        .findFirst()
                        .orElseThrow();
        EntitySentiment before =
                acme.stream()
                        .filter(p -> p.getWindowStart() == T0 + (FALL_MINUTE - 1) * MINUTE)
                        .findFirst()
                        .orElseThrow();
        assertThat(fall.getMeanSentiment()).isLessThan(before.getMeanSentiment() - 0.5);
        assertThat(fall.getNegativeShare()).isGreaterThan(0.5);

        List<SpikeAlert> alerts = new ArrayList<>();
        for (byte[] v : readAll(options, "finance-spike-alerts")) {
            alerts.add(SpikeAlert.fromByteBuffer(ByteBuffer.wrap(v)));
        }
        assertThat(alerts).extracting(SpikeAlert::getKey).containsOnly("ACME");
        assertThat(alerts).extracting(SpikeAlert::getSeries).containsOnly("negative_share");
        assertThat(alerts).extracting(SpikeAlert::getType).containsExactly("FIRED", "RESOLVED");
        assertThat(alerts.get(0).getWindowStart()).isEqualTo(T0 + FALL_MINUTE * MINUTE);
    }

    private static byte[] json(String id, String text, long time) {
        return ("{\"id\": \"" + id + "\", \"text\": \"" + text + "\", \"time\": " + time + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Every committed record of a one-partition topic, in order. */
    private static List<byte[]> readAll(Configuration options, String topic) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedConsumer(
                        options.get(JobOptions.BOOTSTRAP_SERVERS), "it-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            long quietUntil = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < quietUntil) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                    quietUntil = System.currentTimeMillis() + 2_000;
                }
            }
        }
        return values;
    }
}
