package io.nlpstream.jobs;

import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import org.apache.flink.api.connector.sink2.Sink;

/** Where each kind of output goes: Kafka topics in production, collecting sinks in tests. */
public record Sinks(
        Sink<Prediction> predictions,
        Sink<ReviewTask> review,
        Sink<Alert> alerts,
        Sink<DeadLetter> deadLetters,
        Sink<ModelUpdate> modelControl,
        Sink<DriftMetric> driftMetrics) {}
