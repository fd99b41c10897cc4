package io.nlpstream.jobs;

import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.EntitySentiment;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.SpikeAlert;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where each kind of output goes: Kafka topics in production, collecting sinks in tests. A profile
 * output's sink may be null when that profile is not run.
 */
public record Sinks(
        Sink<Prediction> predictions,
        Sink<ReviewTask> review,
        Sink<Alert> alerts,
        Sink<DeadLetter> deadLetters,
        Sink<ModelUpdate> modelControl,
        Sink<DriftMetric> driftMetrics,
        Sink<SpikeAlert> spikeAlerts,
        Sink<EntitySentiment> entitySentiment) {

    /** The sinks of the plain pipeline, without the profiles' outputs. */
    public Sinks(
            Sink<Prediction> predictions,
            Sink<ReviewTask> review,
            Sink<Alert> alerts,
            Sink<DeadLetter> deadLetters,
            Sink<ModelUpdate> modelControl,
            Sink<DriftMetric> driftMetrics) {
        this(predictions, review, alerts, deadLetters, modelControl, driftMetrics, null, null);
    }

    /** The sink of a profile's output; fails when the caller gave none. */
    public static <T> Sink<T> required(Sink<T> sink, String name) {
        if (sink == null) {
            throw new IllegalStateException(
                    "the profile writes " + name + " but no sink was given");
        }
        return sink;
    }
}
