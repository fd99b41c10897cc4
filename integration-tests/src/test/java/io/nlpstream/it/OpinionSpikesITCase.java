package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.profiles.Profile;
import io.nlpstream.jobs.profiles.ProfileDefaults;
import io.nlpstream.jobs.profiles.ProfileOptions;
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
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The opinion-spikes profile end to end (real broker, MiniCluster, real sentiment model) on a
 * scripted event-time stream: two keys talked about steadily, minute by minute, then a burst of
 * negative texts about one of them. The spike fires once, in the burst's window, and resolves. The
 * job does not stop at the end of the input, so windows close on watermarks alone.
 */
class OpinionSpikesITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    private static final int QUIET_MINUTES = 12;
    private static final int BURST_MINUTE = QUIET_MINUTES;
    private static final int AFTER_MINUTES = 4;
    private static final int PER_MINUTE = 20;
    private static final int BURST = 100;

    private static final String[] PRAISE = {
        "The flight was on time and the crew was lovely.",
        "Great service today, friendly and quick.",
        "Really happy with the new app, it works well.",
        "Smooth check-in and a comfortable seat, thank you.",
        "Excellent support, my question was answered in minutes."
    };
    private static final String[] COMPLAINTS = {
        "Terrible service, I waited two hours and nobody helped.",
        "Awful experience, my bag is lost and support is useless.",
        "Worst airline ever, cancelled again without any notice."
    };

    @Test
    void aNegativeBurstAboutOneKeyFiresOnceInItsWindowAndResolves() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "opinion");
        Configuration options = topics.options;
        options.set(JobOptions.SPIKE_ALERTS_TOPIC, "opinion-spike-alerts");
        BROKER.kafka().createTopics(Map.of("opinion-spike-alerts", 1));
        options.set(ProfileOptions.PROFILE, Profile.OPINION_SPIKES.id());
        options.set(ProfileOptions.WINDOW_SIZE_MS, MINUTE);
        options.set(ProfileOptions.WARMUP_WINDOWS, 6);
        options.set(ProfileOptions.ALLOWED_LATENESS_MS, 0L);
        options.set(ProfileOptions.MAX_OUT_OF_ORDERNESS_MS, 5_000L);
        // a partition read to its end stops holding the watermark back after this long
        options.set(ProfileOptions.IDLE_TIMEOUT_MS, 10_000L);
        options = ProfileDefaults.apply(options);

        List<byte[]> input = new ArrayList<>();
        int minutes = QUIET_MINUTES + 1 + AFTER_MINUTES;
        for (int minute = 0; minute < minutes; minute++) {
            boolean burst = minute == BURST_MINUTE;
            for (int i = 0; i < PER_MINUTE; i++) {
                long time = T0 + minute * MINUTE + i * (MINUTE / PER_MINUTE);
                // acme by its explicit key, globex by its hashtag; one text in ten is negative
                String acme = i % 10 == 3 ? COMPLAINTS[i % 3] : PRAISE[i % 5];
                input.add(json("acme-" + minute + "-" + i, acme, time, "acme"));
                String globex = (i % 10 == 7 ? COMPLAINTS[i % 3] : PRAISE[i % 5]) + " #Globex";
                input.add(json("globex-" + minute + "-" + i, globex, time + 1, null));
            }
            if (burst) {
                for (int i = 0; i < BURST; i++) {
                    long time = T0 + minute * MINUTE + i * (MINUTE / BURST) + 2;
                    input.add(json("burst-" + i, COMPLAINTS[i % 3], time, "acme"));
                }
            }
        }
        // far behind the watermark by now: still decided, but no window counts it
        input.add(json("late", COMPLAINTS[0], T0 + 2 * MINUTE, "acme"));
        topics.send(
                options.get(JobOptions.RULES_TOPIC), ProfileDefaults.rules(Profile.OPINION_SPIKES));
        topics.send(options.get(JobOptions.INPUT_TOPIC), input);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, options);
        JobClient job = env.executeAsync("opinion-spikes");

        List<SpikeAlert> alerts;
        try (OutputReader out = new OutputReader(options)) {
            assertThat(out.pollUntil(() -> out.accounted() >= input.size(), Duration.ofSeconds(60)))
                    .isTrue();
            out.poll(Duration.ofSeconds(1));
            assertThat(out.accounted()).isEqualTo(input.size());
            assertThat(out.deadLetters).isEmpty();
            alerts = spikeAlerts(options, 2, Duration.ofSeconds(60));
        } finally {
            job.cancel().get();
        }

        assertThat(alerts).extracting(SpikeAlert::getKey).containsOnly("acme");
        assertThat(alerts).extracting(SpikeAlert::getType).containsExactly("FIRED", "RESOLVED");
        SpikeAlert fired = alerts.get(0);
        assertThat(fired.getWindowStart()).isEqualTo(T0 + BURST_MINUTE * MINUTE);
        assertThat(fired.getWindowEnd()).isEqualTo(T0 + (BURST_MINUTE + 1) * MINUTE);
        assertThat(fired.getObserved()).isGreaterThan(fired.getExpected());
        assertThat(fired.getScore()).isGreaterThanOrEqualTo(4.0);
        assertThat(fired.getExamples()).hasSize(3).allMatch(t -> List.of(COMPLAINTS).contains(t));
        SpikeAlert resolved = alerts.get(1);
        assertThat(resolved.getEpisodeStart()).isEqualTo(fired.getWindowStart());
        assertThat(resolved.getEpisodeEnd()).isBetween(fired.getWindowEnd(), T0 + minutes * MINUTE);
    }

    private static byte[] json(String id, String text, long time, String key) {
        String keyField = key == null ? "" : ", \"key\": \"" + key + "\"";
        return ("{\"id\": \""
                        + id
                        + "\", \"text\": \""
                        + text
                        + "\", \"time\": "
                        + time
                        + keyField
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The committed spike alerts in the order written (one partition): once {@code expected} have
     * come, those and any that follow within 2 s; else what came before the timeout.
     */
    private static List<SpikeAlert> spikeAlerts(
            Configuration options, int expected, Duration timeout) throws Exception {
        List<SpikeAlert> alerts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedConsumer(
                        options.get(JobOptions.BOOTSTRAP_SERVERS), "it-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(options.get(JobOptions.SPIKE_ALERTS_TOPIC)));
            long until = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < until) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    alerts.add(SpikeAlert.fromByteBuffer(ByteBuffer.wrap(r.value())));
                    if (alerts.size() >= expected) {
                        until = Math.min(until, System.currentTimeMillis() + 2_000);
                    }
                }
            }
        }
        return alerts;
    }
}
