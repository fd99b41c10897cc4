package io.nlpstream.drift;

import io.nlpstream.drift.feedback.FeedbackJoinFunction;
import io.nlpstream.drift.feedback.FeedbackKeys;
import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.monitor.DriftMonitorConfig;
import io.nlpstream.drift.monitor.DriftMonitorFunction;
import io.nlpstream.drift.monitor.ModelKeys;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ScoredEvent;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Wires the feedback join and the drift monitor onto a job's scored events and feedback. */
public final class DriftTopology {

    private DriftTopology() {}

    /**
     * Adds the two operators, named and with uids that start with {@code prefix} (so a LIVE and a
     * SHADOW monitor can live in one job).
     */
    public static DriftStreams attach(
            String prefix,
            DataStream<ScoredEvent> scored,
            DataStream<Feedback> feedback,
            Duration ttl,
            TimeDomain ttlDomain,
            DriftMonitorConfig config) {
        SingleOutputStreamOperator<LabelledScore> labelled =
                scored.connect(feedback)
                        .keyBy(new FeedbackKeys.ScoredEventId(), new FeedbackKeys.FeedbackId())
                        .process(
                                new FeedbackJoinFunction(ttl, ttlDomain, config.keepTextChars()),
                                TypeInformation.of(LabelledScore.class))
                        .name(prefix + "-feedback-join")
                        .uid(prefix + "-feedback-join");
        SingleOutputStreamOperator<DriftMetric> metrics =
                scored.connect(labelled)
                        .keyBy(new ModelKeys.OfScoredEvent(), new ModelKeys.OfLabelledScore())
                        .process(
                                new DriftMonitorFunction(config),
                                TypeInformation.of(DriftMetric.class))
                        .name(prefix + "-monitor")
                        .uid(prefix + "-monitor");
        return new DriftStreams(
                labelled,
                metrics,
                metrics.getSideOutput(DriftMonitorFunction.RETRAIN_REQUESTS),
                labelled.getSideOutput(FeedbackJoinFunction.EXPIRED_PREDICTIONS),
                labelled.getSideOutput(FeedbackJoinFunction.UNMATCHED_FEEDBACK),
                labelled.getSideOutput(OutputTags.DEAD_LETTERS));
    }
}
