package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.local.EmbeddedKafka;
import io.nlpstream.jobs.local.JobTopics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The topics of one benchmark phase, named after it, so that phases share a broker but no data.
 * Every topic option of the job ({@link JobTopics}) gets one.
 */
record PhaseTopics(Map<String, String> byOption) {

    PhaseTopics {
        byOption = Map.copyOf(byOption);
    }

    static PhaseTopics of(String phase) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (ConfigOption<String> option : JobTopics.options()) {
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
}
