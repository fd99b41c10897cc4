package io.nlpstream.drift.feedback;

import io.nlpstream.operators.DeadLetters;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ScoredEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * replaces the first, which leaves by its side output. A label is matched to the prediction's own
 * labels (exactly, else case-insensitively when only one matches); one the model does not have
 * leaves by {@link OutputTags#DEAD_LETTERS} with the reason, and the prediction waits on for a
 * valid label. Each case is also counted as a Flink counter. State and timers are cleared once a
 * key is done. A waiting prediction is kept compact: of its text only the first {@code
 * keepTextChars} characters (none by default), which the retrainer learns from.
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
    private final int keepTextChars;

    private transient ValueState<LabelledScore> prediction;
    private transient ValueState<Feedback> feedback;
    private transient ValueState<Long> timer;
    private transient Counter matched;
    private transient Counter predictionsExpired;
    private transient Counter feedbackUnmatched;
    private transient Counter duplicates;
    private transient Counter rejectedLabels;

    /**
     * @param ttl how long one side waits for the other
     * @param timeDomain processing time, or event time (timers fire on watermarks)
     */
    public FeedbackJoinFunction(Duration ttl, TimeDomain timeDomain) {
        this(ttl, timeDomain, 0);
    }

    /**
     * @param ttl how long one side waits for the other
     * @param timeDomain processing time, or event time (timers fire on watermarks)
     * @param keepTextChars characters of each text kept (and joined) for a retrainer; 0 for none
     */
    public FeedbackJoinFunction(Duration ttl, TimeDomain timeDomain, int keepTextChars) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        if (timeDomain == null) {
            throw new IllegalArgumentException("timeDomain must not be null");
        }
        this.ttlMillis = ttl.toMillis();
        if (keepTextChars < 0) {
            throw new IllegalArgumentException(
                    "keepTextChars must not be negative, got " + keepTextChars);
        }
        this.timeDomain = timeDomain;
        this.keepTextChars = keepTextChars;
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
        rejectedLabels = metrics.counter("feedbackRejected");
    }

    @Override
    public void processElement1(ScoredEvent scored, Context ctx, Collector<LabelledScore> out)
            throws Exception {
        LabelledScore incoming = LabelledScore.fromPrediction(scored).withTextCut(keepTextChars);
        Feedback waiting = feedback.value();
        if (waiting != null) {
            feedback.clear();
            if (join(incoming, waiting, ctx, out)) {
                clear(ctx);
                return;
            }
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
            if (join(waiting, label, ctx, out)) {
                clear(ctx);
            }
            // A label the model does not know left as a dead letter; the prediction waits on.
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

    /**
     * Emits the pair with the label in the model's own spelling, or sends the label to the dead
     * letters with the reason when the model has no such label; true when it joined.
     */
    private boolean join(
            LabelledScore scored, Feedback label, Context ctx, Collector<LabelledScore> out) {
        String modelLabel;
        try {
            modelLabel = ModelLabels.resolve(label.getLabel(), scored.scores.keySet());
        } catch (IllegalArgumentException e) {
            rejectedLabels.inc();
            ctx.output(OutputTags.DEAD_LETTERS, deadLetter(label, e));
            return false;
        }
        LabelledScore joined = scored.withFeedback(label);
        joined.trueLabel = modelLabel;
        out.collect(joined);
        matched.inc();
        return true;
    }

    private static DeadLetter deadLetter(Feedback label, IllegalArgumentException error) {
        byte[] original;
        try {
            ByteBuffer encoded = label.toByteBuffer();
            original = new byte[encoded.remaining()];
            encoded.get(original);
        } catch (IOException e) {
            original = String.valueOf(label.getLabel()).getBytes(StandardCharsets.UTF_8);
        }
        DeadLetter dead =
                DeadLetters.fromBytes(
                        original,
                        FeedbackParser.STAGE,
                        error.getMessage(),
                        error.getClass().getName());
        dead.setId(label.getId());
        return dead;
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

    /** Labels that are not one of the model's labels ({@code feedbackRejected} counter). */
    public long rejectedLabelCount() {
        return rejectedLabels.getCount();
    }

    /** Records replaced by a later duplicate of the same side ({@code duplicatesReplaced}). */
    public long duplicateCount() {
        return duplicates.getCount();
    }
}
