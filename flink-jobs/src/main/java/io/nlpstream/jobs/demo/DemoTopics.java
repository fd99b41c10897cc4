package io.nlpstream.jobs.demo;

import io.nlpstream.jobs.JobOptions;
import org.apache.flink.configuration.Configuration;

/** The topics of the drift demo, as named in the job options. */
record DemoTopics(
        String input,
        String predictions,
        String review,
        String deadLetters,
        String control,
        String drift,
        String feedback) {

    static DemoTopics of(Configuration options) {
        return new DemoTopics(
                options.get(JobOptions.INPUT_TOPIC),
                options.get(JobOptions.PREDICTIONS_TOPIC),
                options.get(JobOptions.REVIEW_TOPIC),
                options.get(JobOptions.DEAD_LETTER_TOPIC),
                options.get(JobOptions.CONTROL_TOPIC),
                options.get(JobOptions.DRIFT_TOPIC),
                options.get(JobOptions.FEEDBACK_TOPIC));
    }
}
