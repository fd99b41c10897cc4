package io.nlpstream.drift;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ModelUpdate;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The streams {@link DriftTopology} produces.
 *
 * @param labelled scored events joined with their true label
 * @param metrics one DriftMetric per model version every {@code emitEvery} scored events
 * @param retrainRequests RETRAIN_REQUESTED commands for the control topic
 * @param expiredPredictions predictions whose label never came within the TTL
 * @param unmatchedFeedback labels that met no prediction within the TTL
 * @param rejectedFeedback dead letters of labels that are not one of the model's labels
 */
public record DriftStreams(
        DataStream<LabelledScore> labelled,
        DataStream<DriftMetric> metrics,
        DataStream<ModelUpdate> retrainRequests,
        DataStream<LabelledScore> expiredPredictions,
        DataStream<Feedback> unmatchedFeedback,
        DataStream<DeadLetter> rejectedFeedback) {}
