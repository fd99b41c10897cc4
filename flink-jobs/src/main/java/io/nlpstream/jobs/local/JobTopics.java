package io.nlpstream.jobs.local;

import io.nlpstream.jobs.JobOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Every topic the job's options name ({@code topic.*} of {@link JobOptions}), so that a topic added
 * to the job is created by every local session too (the embedded broker creates none on first use).
 */
public final class JobTopics {
    private static final String TOPIC_PREFIX = "topic.";

    /**
     * Read in order: one partition keeps that order (rules and model control are read by one
     * subtask; a ticket's resolution must not overtake its assignment).
     */
    private static final Set<String> ORDERED =
            Set.of(
                    JobOptions.RULES_TOPIC.key(),
                    JobOptions.CONTROL_TOPIC.key(),
                    JobOptions.TICKET_EVENTS_TOPIC.key());

    private JobTopics() {}

    /** The topic options of the job, each with a default name. */
    public static List<ConfigOption<String>> options() {
        return Arrays.stream(JobOptions.class.getFields())
                .filter(
                        f ->
                                Modifier.isStatic(f.getModifiers())
                                        && f.getType() == ConfigOption.class)
                .map(JobTopics::option)
                .filter(o -> o.key().startsWith(TOPIC_PREFIX) && o.hasDefaultValue())
                .toList();
    }

    /**
     * The topic names the options give, with their partitions: {@code partitions} each, one for the
     * ordered streams (rules, model control, ticket events).
     */
    public static Map<String, Integer> partitions(Configuration options, int partitions) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (ConfigOption<String> option : options()) {
            topics.put(options.get(option), ORDERED.contains(option.key()) ? 1 : partitions);
        }
        return topics;
    }

    @SuppressWarnings("unchecked")
    private static ConfigOption<String> option(Field field) {
        try {
            return (ConfigOption<String>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
