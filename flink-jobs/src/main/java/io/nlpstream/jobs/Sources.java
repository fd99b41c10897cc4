package io.nlpstream.jobs;

import io.nlpstream.jobs.kafka.KafkaConnectors;
import io.nlpstream.jobs.kafka.RulesTopicSnapshot;
import io.nlpstream.jobs.profiles.Profile;
import io.nlpstream.jobs.profiles.ProfileOptions;
import io.nlpstream.jobs.profiles.ProfileSettings;
import io.nlpstream.operators.parsing.RawRecord;
import io.nlpstream.operators.tickets.TicketEventTime;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's inputs: texts, rule updates, model control commands and delayed true labels; the ticket
 * lifecycle events when the ticket-routing profile runs (null otherwise).
 *
 * @param rulesAtStart the rules the rule updates held when the job was built (records as on the
 *     rules topic), which the rule engine starts with
 */
public record Sources(
        DataStream<RawRecord> texts,
        DataStream<byte[]> ruleUpdates,
        DataStream<byte[]> modelControl,
        DataStream<byte[]> feedback,
        DataStream<byte[]> ticketEvents,
        List<byte[]> rulesAtStart) {

    public Sources {
        rulesAtStart = List.copyOf(rulesAtStart);
    }

    /** The plain pipeline's inputs, without a profile's own, and no rules at the start. */
    public Sources(
            DataStream<RawRecord> texts,
            DataStream<byte[]> ruleUpdates,
            DataStream<byte[]> modelControl,
            DataStream<byte[]> feedback) {
        this(texts, ruleUpdates, modelControl, feedback, null, List.of());
    }

    /**
     * The Kafka topics named in the options. Rules and model control are read by one subtask each
     * and broadcast, so every subtask sees them in the same order.
     */
    public static Sources fromKafka(StreamExecutionEnvironment env, Configuration options) {
        return new Sources(
                env.fromSource(
                                KafkaConnectors.inputSource(options),
                                WatermarkStrategy.noWatermarks(),
                                "kafka: texts")
                        .uid("source-texts"),
                env.fromSource(
                                KafkaConnectors.rulesSource(options),
                                WatermarkStrategy.noWatermarks(),
                                "kafka: rules")
                        .uid("source-rules")
                        .setParallelism(1),
                env.fromSource(
                                KafkaConnectors.controlSource(options),
                                WatermarkStrategy.noWatermarks(),
                                "kafka: model control")
                        .uid("source-model-control")
                        .setParallelism(1),
                env.fromSource(
                                KafkaConnectors.feedbackSource(options),
                                WatermarkStrategy.noWatermarks(),
                                "kafka: feedback")
                        .uid("source-feedback"),
                Profile.of(options.get(ProfileOptions.PROFILE)) == Profile.TICKET_ROUTING
                        ? env.fromSource(
                                        KafkaConnectors.ticketEventsSource(options),
                                        ProfileSettings.fromOptions(options)
                                                .eventTime()
                                                .strategy(new TicketEventTime()),
                                        "kafka: ticket events")
                                .uid("source-ticket-events")
                                // one reader of every partition: none sits without a split,
                                // holding the watermark back
                                .setParallelism(1)
                        : null,
                RulesTopicSnapshot.read(options));
    }
}
