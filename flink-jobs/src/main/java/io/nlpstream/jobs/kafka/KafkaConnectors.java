package io.nlpstream.jobs.kafka;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.Sinks;
import io.nlpstream.operators.parsing.RawRecord;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.EntitySentiment;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.SpikeAlert;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Builds the job's Kafka sources and its exactly-once sinks from the options. */
public final class KafkaConnectors {
    /** Must stay below the broker's transaction.max.timeout.ms (15 minutes by default). */
    private static final String TRANSACTION_TIMEOUT_MS = "600000";

    private KafkaConnectors() {}

    /**
     * Where a source starts when the job does not restore from a checkpoint or savepoint (a
     * restored job resumes from the offsets in its state). Streams of events resume where the
     * group's last checkpoint committed, so a redeploy reprocesses nothing; the rules topic is a
     * table of versioned rules that the job must hold in full, so it is always read from the start
     * (replaying a rule is harmless, see operators/RULES.md).
     */
    private static OffsetsInitializer startingOffsets(boolean table) {
        return table
                ? OffsetsInitializer.earliest()
                : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    }

    public static KafkaSource<RawRecord> inputSource(Configuration options) {
        return source(
                options,
                options.get(JobOptions.INPUT_TOPIC),
                new RawRecordDeserializer(),
                startingOffsets(false));
    }

    public static KafkaSource<byte[]> rulesSource(Configuration options) {
        return bytesSource(options, options.get(JobOptions.RULES_TOPIC), startingOffsets(true));
    }

    public static KafkaSource<byte[]> controlSource(Configuration options) {
        return bytesSource(options, options.get(JobOptions.CONTROL_TOPIC), startingOffsets(false));
    }

    public static KafkaSource<byte[]> feedbackSource(Configuration options) {
        return bytesSource(options, options.get(JobOptions.FEEDBACK_TOPIC), startingOffsets(false));
    }

    public static KafkaSource<byte[]> ticketEventsSource(Configuration options) {
        return bytesSource(
                options, options.get(JobOptions.TICKET_EVENTS_TOPIC), startingOffsets(false));
    }

    private static KafkaSource<byte[]> bytesSource(
            Configuration options, String topic, OffsetsInitializer start) {
        return source(
                options,
                topic,
                KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class),
                start);
    }

    private static <T> KafkaSource<T> source(
            Configuration options,
            String topic,
            KafkaRecordDeserializationSchema<T> deserializer,
            OffsetsInitializer start) {
        KafkaSourceBuilder<T> builder =
                KafkaSource.<T>builder()
                        .setProperties(KafkaClientProperties.properties(options))
                        .setBootstrapServers(bootstrap(options))
                        .setTopics(topic)
                        .setGroupId(options.get(JobOptions.GROUP_ID) + "-" + topic)
                        .setStartingOffsets(start)
                        .setDeserializer(deserializer)
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (options.get(JobOptions.BOUNDED)) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    public static Sinks sinks(Configuration options) {
        OutputFormat format = OutputFormat.parse(options.get(JobOptions.OUTPUT_FORMAT));
        return new Sinks(
                sink(
                        options,
                        "predictions",
                        options.get(JobOptions.PREDICTIONS_TOPIC),
                        format,
                        Prediction::getId),
                sink(
                        options,
                        "review",
                        options.get(JobOptions.REVIEW_TOPIC),
                        format,
                        ReviewTask::getId),
                sink(
                        options,
                        "alerts",
                        options.get(JobOptions.ALERTS_TOPIC),
                        format,
                        Alert::getRecordId),
                sink(
                        options,
                        "dead-letters",
                        options.get(JobOptions.DEAD_LETTER_TOPIC),
                        format,
                        DeadLetter::getId),
                // Control records are read back by the job itself, so they are always Avro.
                sink(
                        options,
                        "control",
                        options.get(JobOptions.CONTROL_TOPIC),
                        OutputFormat.AVRO,
                        ModelUpdate::getModelId),
                sink(
                        options,
                        "drift",
                        options.get(JobOptions.DRIFT_TOPIC),
                        format,
                        DriftMetric::getModelId),
                sink(
                        options,
                        "spike-alerts",
                        options.get(JobOptions.SPIKE_ALERTS_TOPIC),
                        format,
                        SpikeAlert::getKey),
                sink(
                        options,
                        "entity-sentiment",
                        options.get(JobOptions.ENTITY_SENTIMENT_TOPIC),
                        format,
                        EntitySentiment::getEntity));
    }

    private static <T extends SpecificRecord> KafkaSink<T> sink(
            Configuration options,
            String name,
            String topic,
            OutputFormat format,
            SerializableFunction<T, String> keyOf) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap(options))
                .setKafkaProducerConfig(producerConfig(options, format))
                .setRecordSerializer(new OutputRecordSerializer<>(topic, format, keyOf))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        options.get(JobOptions.TRANSACTIONAL_ID_PREFIX) + "-" + name)
                .build();
    }

    /** The settings every sink's producer shares, for the format it writes. */
    static Properties producerConfig(Configuration options, OutputFormat format) {
        Properties props = KafkaClientProperties.properties(options);
        props.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        // Exactly-once outputs become visible when the checkpoint commits (every second by
        // default), so lingering 20 ms costs a reader nothing; fewer, larger produce requests
        // save the broker and producer threads CPU that the model otherwise loses.
        props.setProperty("linger.ms", "20");
        // A record over the producer's limit fails the sink, and the job would read it again.
        props.setProperty(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                String.valueOf(
                        OutputRecordLimits.maxRequestBytes(
                                format, options.get(JobOptions.MAX_TEXT_BYTES))));
        return props;
    }

    private static String bootstrap(Configuration options) {
        return options.getOptional(JobOptions.BOOTSTRAP_SERVERS)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "kafka.bootstrap-servers is required, e.g. --kafka.bootstrap-servers localhost:9092"));
    }
}
