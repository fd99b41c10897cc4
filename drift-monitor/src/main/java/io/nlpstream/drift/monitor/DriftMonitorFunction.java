package io.nlpstream.drift.monitor;

import io.nlpstream.drift.detectors.LabelFreeTrigger;
import io.nlpstream.drift.detectors.TriggerState;
import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Watches one model version (key {@code modelId@version}, see {@link ModelKeys}): keeps sliding
 * windows of its scored events (input 1) and labelled scores (input 2), runs ADWIN and Page-Hinkley
 * on the error stream and the AUC-drop trigger after every labelled event, emits a {@link
 * DriftMetric} every {@code emitEvery} scored events and a RETRAIN_REQUESTED {@link ModelUpdate} on
 * {@link #RETRAIN_REQUESTS} when the trigger fires. With label-free adaptation on, a LIVE monitor
 * also runs the {@link LabelFreeTrigger} on every emitted window and sends ADAPT_REQUESTED on the
 * same side output when the version gets no labels and its label-free figures stay drifted.
 *
 * <p>Gauges {@code auc}, {@code estimated_auc}, {@code psi}, {@code js}, {@code review_rate} and
 * {@code ece} show the most recently emitted metric of any key of the subtask (NaN when unknown).
 * Gauge {@code triggerState} shows the {@link TriggerState} code of the retrain trigger of the
 * model version this subtask scored last (NaN before it, and once that version was forgotten). The
 * windows live in one keyed value per model version, which is cheap on the heap state backend; with
 * RocksDB each record (de)serializes its version's windows. Labelled records are kept without their
 * texts, and a version that sees no record for the idle timeout (a version that was replaced) is
 * forgotten by a processing-time timer.
 */
public class DriftMonitorFunction
        extends KeyedCoProcessFunction<String, ScoredEvent, LabelledScore, DriftMetric> {

    private static final long serialVersionUID = 1L;

    /** Retrain requests raised by the AUC-drop trigger. */
    public static final OutputTag<ModelUpdate> RETRAIN_REQUESTS =
            new OutputTag<>("retrain-requests", TypeInformation.of(ModelUpdate.class));

    /** The command of a retrain request. */
    public static final String RETRAIN_REQUESTED = "RETRAIN_REQUESTED";

    /** The command of a label-free adaptation request (on the same side output). */
    public static final String ADAPT_REQUESTED = "ADAPT_REQUESTED";

    private final DriftMonitorConfig config;

    private transient ValueState<MonitorState> state;
    private transient WindowFigures figures;
    private transient volatile DriftMetric last;
    private transient volatile TriggerState triggerState;
    private transient String servingKey;

    public DriftMonitorFunction(DriftMonitorConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "drift-monitor", TypeInformation.of(MonitorState.class)));
        figures = new WindowFigures(config);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        metrics.gauge("auc", gauge(Figure.AUC));
        metrics.gauge("estimated_auc", gauge(Figure.ESTIMATED_AUC));
        metrics.gauge("psi", gauge(Figure.PSI));
        metrics.gauge("js", gauge(Figure.JS));
        metrics.gauge("review_rate", gauge(Figure.REVIEW_RATE));
        metrics.gauge("ece", gauge(Figure.ECE));
        metrics.gauge(
                "triggerState",
                (Gauge<Double>)
                        () -> {
                            TriggerState t = triggerState;
                            return t == null ? Double.NaN : (double) t.code();
                        });
    }

    @Override
    public void processElement1(ScoredEvent scored, Context ctx, Collector<DriftMetric> out)
            throws Exception {
        MonitorState s = current();
        // Scored events come from the version that serves now: the gauge follows it.
        servingKey = ctx.getCurrentKey();
        triggerState = TriggerState.of(s.trigger, s.baselineAuc != null);
        PredictionPoint p = PredictionPoint.of(scored);
        figures.addToReference(s.reference, p);
        s.predictions.add(p);
        s.newestPredictionTime = Math.max(s.newestPredictionTime, p.eventTime);
        config.predictionWindow().evict(s.predictions, x -> x.eventTime, s.newestPredictionTime);
        s.predictionsSinceEmit++;
        touch(s, ctx);
        s.labelFree.seen(s.lastActivity);
        if (s.predictionsSinceEmit >= config.emitEvery()) {
            long now = ctx.timerService().currentProcessingTime();
            DriftMetric metric =
                    figures.metric(s, scored.getModelId(), scored.getModelVersion(), now);
            out.collect(metric);
            last = metric;
            LabelFreeTrigger.Settings adapt = config.labelFreeTrigger();
            if (adapt != null
                    && s.labelFree.update(
                            adapt, orNaN(metric.getEstimatedAuc()), largerPsi(metric), now)) {
                ctx.output(RETRAIN_REQUESTS, adaptRequest(s, adapt, metric, now));
            }
            s.predictionsSinceEmit = 0;
            s.changeSinceEmit = false;
        }
        state.update(s);
    }

    @Override
    public void processElement2(LabelledScore labelled, Context ctx, Collector<DriftMetric> out)
            throws Exception {
        if (labelled.trueLabel == null) {
            return;
        }
        MonitorState s = current();
        s.labelled.add(labelled.withoutText());
        touch(s, ctx);
        s.labelFree.labelled(s.lastActivity);
        s.newestLabelledTime = Math.max(s.newestLabelledTime, labelled.eventTime);
        config.labelledWindow().evict(s.labelled, x -> x.eventTime, s.newestLabelledTime);
        s.labelledTotal++;
        double error = labelled.isCorrect() ? 0.0 : 1.0;
        boolean adwinChange = s.adwin.update(error);
        boolean phChange = s.pageHinkley.update(error);
        s.changeSinceEmit |= adwinChange || phChange;

        // The exact AUC costs O(W log W); with aucEvery > 1 the trigger reuses the last one between
        // recomputations, so it still counts labelled events one by one.
        if (s.labelledTotal % config.aucEvery() == 0 || Double.isNaN(s.lastAuc)) {
            s.lastAuc = figures.labelledAuc(s.labelled);
        }
        double auc = s.lastAuc;
        if (s.baselineAuc == null
                && s.labelledTotal >= config.baselineAfterLabelled()
                && !Double.isNaN(auc)) {
            s.baselineAuc = auc;
        }
        double baseline = s.baselineAuc == null ? Double.NaN : s.baselineAuc;
        if (s.trigger.update(auc, baseline)) {
            ctx.output(
                    RETRAIN_REQUESTS,
                    retrainRequest(
                            s,
                            labelled,
                            auc,
                            baseline,
                            ctx.timerService().currentProcessingTime()));
        }
        // Late labels of a replaced version must not move the gauge of the serving one.
        if (servingKey == null || servingKey.equals(ctx.getCurrentKey())) {
            servingKey = ctx.getCurrentKey();
            triggerState = TriggerState.of(s.trigger, s.baselineAuc != null);
        }
        state.update(s);
    }

    /** Notes activity and makes sure one clean-up timer is pending. */
    private void touch(MonitorState s, Context ctx) {
        s.lastActivity = ctx.timerService().currentProcessingTime();
        if (s.cleanupAt == 0) {
            s.cleanupAt = s.lastActivity + config.idleTimeoutMillis();
            ctx.timerService().registerProcessingTimeTimer(s.cleanupAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DriftMetric> out)
            throws Exception {
        MonitorState s = state.value();
        if (s == null || s.cleanupAt != timestamp) {
            return;
        }
        if (timestamp - s.lastActivity >= config.idleTimeoutMillis()) {
            state.clear();
            if (ctx.getCurrentKey().equals(servingKey)) {
                servingKey = null;
                triggerState = null;
            }
            return;
        }
        s.cleanupAt = s.lastActivity + config.idleTimeoutMillis();
        ctx.timerService().registerProcessingTimeTimer(s.cleanupAt);
        state.update(s);
    }

    private ModelUpdate retrainRequest(
            MonitorState s, LabelledScore labelled, double auc, double baseline, long now) {
        String reason =
                String.format(
                        Locale.ROOT,
                        "AUC %.4f stayed more than %.1f%% below baseline %.4f for %d labelled"
                                + " events",
                        auc,
                        config.dropFraction() * 100.0,
                        baseline,
                        s.trigger.getRequiredConsecutive());
        return ModelUpdate.newBuilder()
                .setCommand(RETRAIN_REQUESTED)
                .setModelId(labelled.modelId)
                .setVersion(labelled.modelVersion)
                .setReason(reason)
                .setTime(now)
                .build();
    }

    private static ModelUpdate adaptRequest(
            MonitorState s, LabelFreeTrigger.Settings adapt, DriftMetric metric, long now) {
        long since = s.labelFree.lastLabelledAt >= 0 ? s.labelFree.lastLabelledAt : -1;
        String reason =
                String.format(
                        Locale.ROOT,
                        "no labels %s; for %d windows the estimated AUC fell more than %.1f%%"
                                + " below its reference %.4f or the PSI exceeded %.2f (now"
                                + " estimated AUC %.4f, PSI %.3f)",
                        since < 0
                                ? "since the version started"
                                : "for " + (now - since) / 1000 + " s",
                        adapt.windows(),
                        adapt.estimatedAucDrop() * 100.0,
                        s.labelFree.referenceEstimatedAuc,
                        adapt.maxPsi(),
                        orNaN(metric.getEstimatedAuc()),
                        largerPsi(metric));
        return ModelUpdate.newBuilder()
                .setCommand(ADAPT_REQUESTED)
                .setModelId(metric.getModelId())
                .setVersion(metric.getModelVersion())
                .setReason(reason)
                .setTime(now)
                .build();
    }

    /** The larger of the confidence and predicted-label PSI; NaN while the reference fills. */
    private static double largerPsi(DriftMetric m) {
        if (m.getPsiConfidence() == null || m.getPsiLabels() == null) {
            return Double.NaN;
        }
        return Math.max(m.getPsiConfidence(), m.getPsiLabels());
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private MonitorState current() throws Exception {
        MonitorState s = state.value();
        return s != null ? s : config.newState();
    }

    private Gauge<Double> gauge(Figure figure) {
        return () -> {
            DriftMetric m = last;
            Double v = m == null ? null : figure.of(m);
            return v == null ? Double.NaN : v;
        };
    }

    /** The figures published as gauges. */
    private enum Figure {
        AUC,
        ESTIMATED_AUC,
        PSI,
        JS,
        REVIEW_RATE,
        ECE;

        Double of(DriftMetric m) {
            switch (this) {
                case AUC:
                    return m.getAuc();
                case ESTIMATED_AUC:
                    return m.getEstimatedAuc();
                case PSI:
                    return m.getPsiConfidence();
                case JS:
                    return m.getJsConfidence();
                case REVIEW_RATE:
                    return m.getReviewRate();
                default:
                    return m.getEce();
            }
        }
    }

    /** What the {@code triggerState} gauge shows, or null when it shows NaN (for tests). */
    public TriggerState triggerState() {
        return triggerState;
    }

    /** The most recently emitted metric of this subtask, or null (for tests). */
    public DriftMetric lastMetric() {
        return last;
    }
}
