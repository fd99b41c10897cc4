package io.nlpstream.jobs.local;

/** Names of the topics the job writes to, as the local run reads them back. */
public record OutputTopics(String predictions, String review, String alerts, String deadLetters) {}
