package io.nlpstream.drift.feedback;

import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ScoredEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Joins a scored event with its later true label, keyed by event id, in either arrival order.
 *
 * <p>Whichever side comes first waits in keyed state for at most the TTL (in processing time, or in
 * event time from the record's own time stamp). A prediction that expires leaves by {@link
 * #EXPIRED_PREDICTIONS}, feedback that never meets its prediction (also a label that arrives after
 * its prediction expired) by {@link #UNMATCHED_FEEDBACK}; a second record of a side for the same id
 * replaces the first, which leaves by its side output. Each case is also counted as a Flink
 * counter. State and timers are cleared once a key is done.
 */
public class FeedbackJoinFunction
        extends KeyedCoProcessFunction<String, ScoredEvent, Feedback, LabelledScore> {

    private static final long serialVersionUID = 1L;

    /** Predictions whose label never came within the TTL, or that a later duplicate replaced. */
    public static final OutputTag<LabelledScore> EXPIRED_PREDICTIONS =
            new OutputTag<>("expired-predictions", TypeInformation.of(LabelledScore.class));

    /** Feedback that met no prediction within the TTL, or that a later duplicate replaced. */
    public static final OutputTag<Feedback> UNMATCHED_FEEDBACK =
            new OutputTag<>("unmatched-feedback", TypeInformation.of(Feedback.class));

    private final long ttlMillis;
    private final TimeDomain timeDomain;

    private transient ValueState<LabelledScore> prediction;
    private transient ValueState<Feedback> feedback;
    private transient ValueState<Long> timer;
    private transient Counter matched;
    private transient Counter predictionsExpired;
    private transient Counter feedbackUnmatched;
    private transient Counter duplicates;

    /**
     * @param ttl how long one side waits for the other
     * @param timeDomain processing time, or event time (timers fire on watermarks)
     */
    public FeedbackJoinFunction(Duration ttl, TimeDomain timeDomain) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        if (timeDomain == null) {
            throw new IllegalArgumentException("timeDomain must not be null");
        }
        this.ttlMillis = ttl.toMillis();
        this.timeDomain = timeDomain;
    }

    @Override
    public void open(OpenContext openContext) {
        prediction =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "pending-prediction",
                                        TypeInformation.of(LabelledScore.class)));
        feedback =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "pending-feedback", TypeInformation.of(Feedback.class)));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("ttl-timer", Types.LONG));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        matched = metrics.counter("feedbackMatched");
        predictionsExpired = metrics.counter("predictionsExpired");
        feedbackUnmatched = metrics.counter("feedbackUnmatched");
        duplicates = metrics.counter("duplicatesReplaced");
    }

    @Override
    public void processElement1(ScoredEvent scored, Context ctx, Collector<LabelledScore> out)
            throws Exception {
        LabelledScore incoming = LabelledScore.fromPrediction(scored);
        Feedback waiting = feedback.value();
        if (waiting != null) {
            out.collect(incoming.withFeedback(waiting));
            matched.inc();
            clear(ctx);
            return;
        }
        LabelledScore previous = prediction.value();
        if (previous != null) {
            duplicates.inc();
            ctx.output(EXPIRED_PREDICTIONS, previous);
        }
        prediction.update(incoming);
        startTimer(ctx, incoming.eventTime);
    }

    @Override
    public void processElement2(Feedback label, Context ctx, Collector<LabelledScore> out)
            throws Exception {
        LabelledScore waiting = prediction.value();
        if (waiting != null) {
            out.collect(waiting.withFeedback(label));
            matched.inc();
            clear(ctx);
            return;
        }
        Feedback previous = feedback.value();
        if (previous != null) {
            duplicates.inc();
            ctx.output(UNMATCHED_FEEDBACK, previous);
        }
        feedback.update(label);
        startTimer(ctx, label.getTime());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LabelledScore> out)
            throws Exception {
        Long expected = timer.value();
        if (expected == null || expected != timestamp) {
            return;
        }
        LabelledScore waitingPrediction = prediction.value();
        if (waitingPrediction != null) {
            predictionsExpired.inc();
            ctx.output(EXPIRED_PREDICTIONS, waitingPrediction);
        }
        Feedback waitingFeedback = feedback.value();
        if (waitingFeedback != null) {
            feedbackUnmatched.inc();
            ctx.output(UNMATCHED_FEEDBACK, waitingFeedback);
        }
        prediction.clear();
        feedback.clear();
        timer.clear();
    }

    private void startTimer(Context ctx, long recordTime) throws Exception {
        deleteTimer(ctx);
        long at;
        if (timeDomain == TimeDomain.PROCESSING_TIME) {
            at = ctx.timerService().currentProcessingTime() + ttlMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
        } else {
            at = recordTime + ttlMillis;
            ctx.timerService().registerEventTimeTimer(at);
        }
        timer.update(at);
    }

    private void deleteTimer(Context ctx) throws Exception {
        Long at = timer.value();
        if (at == null) {
            return;
        }
        if (timeDomain == TimeDomain.PROCESSING_TIME) {
            ctx.timerService().deleteProcessingTimeTimer(at);
        } else {
            ctx.timerService().deleteEventTimeTimer(at);
        }
    }

    private void clear(Context ctx) throws Exception {
        deleteTimer(ctx);
        prediction.clear();
        feedback.clear();
        timer.clear();
    }

    /** Joined pairs so far (for tests; the same figure is the {@code feedbackMatched} counter). */
    public long matchedCount() {
        return matched.getCount();
    }

    /** Predictions that expired unlabelled ({@code predictionsExpired} counter). */
    public long expiredPredictionCount() {
        return predictionsExpired.getCount();
    }

    /** Feedback that met no prediction in time ({@code feedbackUnmatched} counter). */
    public long unmatchedFeedbackCount() {
        return feedbackUnmatched.getCount();
    }

    /** Records replaced by a later duplicate of the same side ({@code duplicatesReplaced}). */
    public long duplicateCount() {
        return duplicates.getCount();
    }
}
