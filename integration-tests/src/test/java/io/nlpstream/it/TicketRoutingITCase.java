package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.profiles.Profile;
import io.nlpstream.jobs.profiles.ProfileDefaults;
import io.nlpstream.jobs.profiles.ProfileOptions;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ticket-routing profile end to end (real broker, MiniCluster, the shipped email-triage head):
 * a VIP sender's message goes to the priority queue whatever its text, a money question to billing;
 * on the ticket-events topic the VIP ticket stays unresolved past its queue's SLA and is escalated
 * once, at its deadline in event time, while tickets resolved in time are not.
 */
class TicketRoutingITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    private static final long T0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;

    @Test
    void aVipTicketGoesToThePriorityQueueAndEscalatesAfterItsSla() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "tickets");
        Configuration options = topics.options;
        options.set(JobOptions.TICKET_EVENTS_TOPIC, "tickets-ticket-events");
        BROKER.kafka().createTopics(Map.of("tickets-ticket-events", 1));
        options.set(JobOptions.BOUNDED, true);
        options.set(ProfileOptions.PROFILE, Profile.TICKET_ROUTING.id());
        options = ProfileDefaults.apply(options);

        List<byte[]> messages =
                List.of(
                        message("t-vip", "My order never arrived, please help.", "vip"),
                        message("t-bill", "I was overcharged twice, I want a refund.", "standard"),
                        message(
                                "t-plain",
                                "Hello, a question about my account settings.",
                                "standard"));
        topics.send(
                options.get(JobOptions.RULES_TOPIC), ProfileDefaults.rules(Profile.TICKET_ROUTING));
        topics.send(options.get(JobOptions.INPUT_TOPIC), messages);
        topics.send(
                "tickets-ticket-events",
                List.of(
                        event("t-vip", "assigned", "priority", T0),
                        event("t-bill", "assigned", "billing", T0),
                        event("t-plain", "assigned", "general", T0 + MINUTE),
                        event("t-bill", "resolved", null, T0 + 30 * MINUTE),
                        event("t-plain", "resolved", null, T0 + 60 * MINUTE),
                        "{\"ticket_id\": \"t-x\", \"type\": \"closed\", \"time\": 1}"
                                .getBytes(StandardCharsets.UTF_8)));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, options);
        env.execute("ticket-routing");

        try (OutputReader out = new OutputReader(options)) {
            assertThat(
                            out.pollUntil(
                                    () ->
                                            out.predictions.size() + out.review.size()
                                                            >= messages.size()
                                                    && !out.alerts.isEmpty(),
                                    Duration.ofSeconds(60)))
                    .isTrue();
            out.poll(Duration.ofSeconds(2));
            // every message decided once; the unreadable ticket event is the one dead letter
            assertThat(out.predictions.size() + out.review.size()).isEqualTo(messages.size());

            Map<String, String> queues = new HashMap<>();
            for (Prediction p : out.predictions) {
                queues.put(p.getId(), p.getQueue());
            }
            for (ReviewTask r : out.review) {
                queues.put(r.getId(), r.getQueue());
            }
            assertThat(queues)
                    .containsEntry("t-vip", "priority")
                    .containsEntry("t-bill", "billing");
            // each decision carries its queue's priority (routing.priorities of the profile)
            assertThat(out.predictions)
                    .filteredOn(p -> p.getQueue() != null)
                    .isNotEmpty()
                    .allSatisfy(
                            p ->
                                    assertThat(p.getPriority())
                                            .isEqualTo(
                                                    switch (p.getQueue()) {
                                                        case "priority" -> "urgent";
                                                        case "billing", "specialist" -> "high";
                                                        case "general" -> "normal";
                                                        default -> "low";
                                                    }));

            List<Alert> escalations =
                    out.alerts.stream().filter(a -> a.getRuleId().startsWith("sla:")).toList();
            assertThat(escalations)
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getRecordId()).isEqualTo("t-vip");
                                assertThat(a.getRuleId()).isEqualTo("sla:priority");
                                assertThat(a.getTime()).isEqualTo(T0 + 15 * MINUTE);
                            });
            assertThat(out.deadLetters)
                    .singleElement()
                    .satisfies(d -> assertThat(d.getStage()).isEqualTo("TICKET_EVENT"));
        }
    }

    private static byte[] message(String id, String text, String tier) {
        return ("{\"id\": \""
                        + id
                        + "\", \"text\": \""
                        + text
                        + "\", \"time\": "
                        + T0
                        + ", \"metadata\": {\"tier\": \""
                        + tier
                        + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] event(String id, String type, String queue, long time) {
        return ("{\"ticket_id\": \""
                        + id
                        + "\", \"type\": \""
                        + type
                        + "\""
                        + (queue == null ? "" : ", \"queue\": \"" + queue + "\"")
                        + ", \"time\": "
                        + time
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
