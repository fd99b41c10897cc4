package io.nlpstream.jobs;

import io.nlpstream.operators.parsing.RawRecord;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The job's inputs: texts, rule updates, model control commands and delayed true labels. */
public record Sources(
        DataStream<RawRecord> texts,
        DataStream<byte[]> ruleUpdates,
        DataStream<byte[]> modelControl,
        DataStream<byte[]> feedback) {}
