package io.nlpstream.it;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.Sources;
import io.nlpstream.jobs.kafka.KafkaClientProperties;
import io.nlpstream.jobs.kafka.RawRecordDeserializer;
import io.nlpstream.jobs.kafka.RulesTopicSnapshot;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The job's Kafka sources, each ending at an offset the test fixes before the job starts: the job
 * ends by itself, yet reads records produced while it runs (so their Kafka timestamps measure the
 * pipeline's latency, not the time it took to start). A partition not named ends at offset 0.
 */
final class KnownEndSources {
    private KnownEndSources() {}

    static Sources of(
            StreamExecutionEnvironment env, Configuration options, Map<TopicPartition, Long> ends) {
        return new Sources(
                env.fromSource(
                                source(
                                        options,
                                        JobOptions.INPUT_TOPIC,
                                        new RawRecordDeserializer(),
                                        ends),
                                WatermarkStrategy.noWatermarks(),
                                "kafka: texts")
                        .uid("source-texts"),
                env.fromSource(
                                source(
                                        options,
                                        JobOptions.RULES_TOPIC,
                                        bytes(),
                                        ends,
                                        OffsetsInitializer.earliest()),
                                WatermarkStrategy.noWatermarks(),
                                "kafka: rules")
                        .uid("source-rules")
                        .setParallelism(1),
                env.fromSource(
                                source(options, JobOptions.CONTROL_TOPIC, bytes(), ends),
                                WatermarkStrategy.noWatermarks(),
                                "kafka: model control")
                        .uid("source-model-control")
                        .setParallelism(1),
                env.fromSource(
                                source(options, JobOptions.FEEDBACK_TOPIC, bytes(), ends),
                                WatermarkStrategy.noWatermarks(),
                                "kafka: feedback")
                        .uid("source-feedback"),
                null,
                RulesTopicSnapshot.read(options));
    }

    private static KafkaRecordDeserializationSchema<byte[]> bytes() {
        return KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class);
    }

    private static <T> KafkaSource<T> source(
            Configuration options,
            ConfigOption<String> topicOption,
            KafkaRecordDeserializationSchema<T> deserializer,
            Map<TopicPartition, Long> ends) {
        return source(
                options,
                topicOption,
                deserializer,
                ends,
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    }

    /**
     * As the job's own sources start: the rules table from the beginning, streams from the group.
     */
    private static <T> KafkaSource<T> source(
            Configuration options,
            ConfigOption<String> topicOption,
            KafkaRecordDeserializationSchema<T> deserializer,
            Map<TopicPartition, Long> ends,
            OffsetsInitializer start) {
        String topic = options.get(topicOption);
        Map<TopicPartition, Long> stops = new HashMap<>();
        // The test topics have one or two partitions; an entry for an absent one is not used.
        for (int p = 0; p < 2; p++) {
            stops.put(
                    new TopicPartition(topic, p),
                    ends.getOrDefault(new TopicPartition(topic, p), 0L));
        }
        return KafkaSource.<T>builder()
                .setProperties(KafkaClientProperties.properties(options))
                .setBootstrapServers(options.get(JobOptions.BOOTSTRAP_SERVERS))
                .setTopics(topic)
                .setGroupId(options.get(JobOptions.GROUP_ID) + "-" + topic)
                .setStartingOffsets(start)
                .setBounded(OffsetsInitializer.offsets(stops))
                .setDeserializer(deserializer)
                .setProperty("isolation.level", "read_committed")
                .build();
    }
}
