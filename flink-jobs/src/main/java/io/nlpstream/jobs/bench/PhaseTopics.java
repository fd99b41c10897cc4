package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.local.EmbeddedKafka;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The topics of one benchmark phase, named after it, so that phases share a broker but no data.
 * Every {@code topic.*} option of {@link JobOptions} gets one, so a topic added to the job is
 * created here too (the embedded broker does not create topics on first use).
 */
record PhaseTopics(Map<String, String> byOption) {
    private static final String TOPIC_PREFIX = "topic.";

    PhaseTopics {
        byOption = Map.copyOf(byOption);
    }

    static PhaseTopics of(String phase) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (ConfigOption<?> option : topicOptions()) {
            topics.put(option.key(), "bench-" + phase + "-" + option.defaultValue());
        }
        return new PhaseTopics(topics);
    }

    String input() {
        return byOption.get(JobOptions.INPUT_TOPIC.key());
    }

    String rules() {
        return byOption.get(JobOptions.RULES_TOPIC.key());
    }

    String predictions() {
        return byOption.get(JobOptions.PREDICTIONS_TOPIC.key());
    }

    String review() {
        return byOption.get(JobOptions.REVIEW_TOPIC.key());
    }

    String deadLetters() {
        return byOption.get(JobOptions.DEAD_LETTER_TOPIC.key());
    }

    /** The topics that together hold exactly one outcome per input record. */
    List<String> outcomes() {
        return List.of(predictions(), review(), deadLetters());
    }

    /** Points every topic option of the job at this phase's topic. */
    void applyTo(Configuration options) {
        byOption.forEach(options::setString);
    }

    void create(EmbeddedKafka kafka, int partitions) throws Exception {
        Map<String, Integer> topics = new LinkedHashMap<>();
        byOption.values().forEach(name -> topics.put(name, partitions));
        kafka.createTopics(topics);
    }

    private static List<ConfigOption<?>> topicOptions() {
        return java.util.Arrays.stream(JobOptions.class.getFields())
                .filter(
                        f ->
                                Modifier.isStatic(f.getModifiers())
                                        && f.getType() == ConfigOption.class)
                .<ConfigOption<?>>map(PhaseTopics::option)
                .filter(o -> o.key().startsWith(TOPIC_PREFIX) && o.hasDefaultValue())
                .toList();
    }

    private static ConfigOption<?> option(Field field) {
        try {
            return (ConfigOption<?>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
