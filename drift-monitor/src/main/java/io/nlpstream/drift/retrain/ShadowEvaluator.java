package io.nlpstream.drift.retrain;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.metrics.RocAuc;
import io.nlpstream.schemas.ModelUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Compares a shadow candidate with the live model on the same fed-back records and decides: PROMOTE
 * when the candidate's AUC beats the live one by the margin, REJECT when it is worse, never gets
 * better, fails to load, or has no verdict within the policy's timeout. Keyed by model id; the
 * first input carries the labelled scores of both models.
 *
 * <p>Everything lives in keyed state with one processing-time timer (the timeout), so a restore at
 * any point resumes the comparison; records waiting for their partner are bounded by the policy
 * (oldest dropped first), and all state and the timer are cleared with the verdict.
 *
 * <p>With a {@link LabelFreeGuard} the first input also carries unlabelled scores of both models
 * (no {@code trueLabel}); when no labelled record of the model came for the guard's time, the guard
 * decides once it has paired enough of them. Labelled records, when they come, decide as before.
 *
 * <p>Counters {@code promotions} and {@code rejections} count its verdicts, {@code
 * labelFreeVerdicts} those of them the guard gave.
 */
public class ShadowEvaluator
        extends KeyedCoProcessFunction<String, LabelledScore, ModelUpdate, ModelUpdate> {
    private static final long serialVersionUID = 1L;

    private final PromotionPolicy policy;
    private final LabelFreeGuard guard;

    private transient ValueState<String> candidateVersion;
    private transient ValueState<String> candidateBundle;
    private transient ValueState<Long> deadline;
    private transient ValueState<Long> lastLabelledAt;
    private transient ScorePairs labelled;
    private transient ScorePairs unlabelled;
    private transient Counter promotions;
    private transient Counter rejections;
    private transient Counter labelFreeVerdicts;

    public ShadowEvaluator(PromotionPolicy policy) {
        this(policy, null);
    }

    /**
     * @param guard judges a candidate on unlabelled records when no labels come; null to judge on
     *     labelled records only
     */
    public ShadowEvaluator(PromotionPolicy policy, LabelFreeGuard guard) {
        this.policy = policy;
        this.guard = guard;
    }

    @Override
    public void open(OpenContext openContext) {
        candidateVersion =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("candidate-version", Types.STRING));
        candidateBundle =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("candidate-bundle", Types.STRING));
        deadline =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("verdict-deadline", Types.LONG));
        lastLabelledAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("last-labelled-at", Types.LONG));
        Counter dropped = getRuntimeContext().getMetricGroup().counter("shadowUnpairedDropped");
        labelled = new ScorePairs(getRuntimeContext(), "", policy.maxUnpaired(), dropped);
        unlabelled =
                new ScorePairs(getRuntimeContext(), "unlabelled-", policy.maxUnpaired(), dropped);
        promotions = getRuntimeContext().getMetricGroup().counter("promotions");
        rejections = getRuntimeContext().getMetricGroup().counter("rejections");
        labelFreeVerdicts = getRuntimeContext().getMetricGroup().counter("labelFreeVerdicts");
    }

    @Override
    public void processElement1(LabelledScore score, Context ctx, Collector<ModelUpdate> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (score.trueLabel != null && guard != null) {
            lastLabelledAt.update(now);
        }
        String candidate = candidateVersion.value();
        if (candidate == null) {
            return;
        }
        boolean shadow = candidate.equals(score.modelVersion);
        if (score.trueLabel != null) {
            int n = labelled.add(score.withoutText(), shadow);
            if (n > 0
                    && (n >= policy.maxPairs()
                            || (n >= policy.minPairs() && n % policy.evaluateEvery() == 0))) {
                decide(ctx, n, out);
            }
        } else if (guard != null) {
            // Enough pairs are kept; later records only give the guard another chance to decide
            // (labels may have stopped since).
            int n =
                    unlabelled.count() < guard.minPairs()
                            ? unlabelled.add(score.withoutText(), shadow)
                            : unlabelled.count();
            if (n >= guard.minPairs() && labelsAbsent(now)) {
                decideWithoutLabels(ctx, out);
            }
        }
    }

    /** Whether no labelled record of the model came for the guard's time. */
    private boolean labelsAbsent(long now) throws Exception {
        Long at = lastLabelledAt.value();
        return at == null || now - at >= guard.noLabelsMillis();
    }

    private void decideWithoutLabels(Context ctx, Collector<ModelUpdate> out) throws Exception {
        LabelFreeGuard.Verdict verdict = guard.judge(unlabelled.live(), unlabelled.shadow());
        labelFreeVerdicts.inc();
        verdict(ctx, verdict.passed() ? "PROMOTE" : "REJECT", verdict.reason(), out);
    }

    private void decide(Context ctx, int n, Collector<ModelUpdate> out) throws Exception {
        double liveAuc = auc(labelled.live());
        double shadowAuc = auc(labelled.shadow());
        String figures =
                String.format(
                        Locale.ROOT,
                        "candidate AUC %.4f vs live %.4f on %d fed-back records (margin %.3f)",
                        shadowAuc,
                        liveAuc,
                        n,
                        policy.margin());
        String command = null;
        if (shadowAuc >= liveAuc + policy.margin()) {
            command = "PROMOTE";
        } else if (shadowAuc + policy.margin() < liveAuc || n >= policy.maxPairs()) {
            command = "REJECT";
        }
        if (command != null) {
            verdict(ctx, command, figures, out);
        }
    }

    private void verdict(Context ctx, String command, String reason, Collector<ModelUpdate> out)
            throws Exception {
        (command.equals("PROMOTE") ? promotions : rejections).inc();
        out.collect(
                ModelUpdate.newBuilder()
                        .setCommand(command)
                        .setModelId(ctx.getCurrentKey())
                        .setVersion(candidateVersion.value())
                        .setBundleUri(candidateBundle.value())
                        .setReason(reason)
                        .setIssuedBy("shadow-evaluator")
                        .setTime(ctx.timerService().currentProcessingTime())
                        .build());
        reset(ctx);
    }

    private static double auc(List<LabelledScore> scores) {
        List<Map<String, Double>> probabilities = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (LabelledScore s : scores) {
            probabilities.add(s.scores);
            truth.add(s.trueLabel);
        }
        return RocAuc.oneVsRestMacro(probabilities, truth);
    }

    @Override
    public void processElement2(ModelUpdate update, Context ctx, Collector<ModelUpdate> out)
            throws Exception {
        String version = update.getVersion();
        boolean known = version != null && !version.isBlank();
        boolean current = known && version.equals(candidateVersion.value());
        switch (update.getCommand()) {
            case "SHADOW_STARTED" -> {
                // Every subtask acknowledges: the first naming a new version starts the
                // comparison, the others change nothing. (A SHADOW_START whose load fails must
                // not disturb a comparison in progress, so only the acknowledgement counts.)
                if (known && !current) {
                    start(update, ctx);
                }
            }
            case "LOAD_FAILED" -> {
                if (current) {
                    verdict(ctx, "REJECT", "candidate failed to load: " + update.getReason(), out);
                }
            }
            case "PROMOTED", "REJECT", "SHADOW_STOP" -> {
                if (current || !known) {
                    reset(ctx);
                }
            }
            case "ROLLED_BACK" -> reset(ctx);
            default -> {
                // commands for other operators
            }
        }
    }

    private void start(ModelUpdate update, Context ctx) throws Exception {
        reset(ctx);
        candidateVersion.update(update.getVersion());
        candidateBundle.update(update.getBundleUri());
        long at = ctx.timerService().currentProcessingTime() + policy.timeoutMillis();
        ctx.timerService().registerProcessingTimeTimer(at);
        deadline.update(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ModelUpdate> out)
            throws Exception {
        Long due = deadline.value();
        if (due == null || due != timestamp || candidateVersion.value() == null) {
            return;
        }
        int n = labelled.count();
        verdict(
                ctx,
                "REJECT",
                String.format(
                        Locale.ROOT,
                        "no verdict within %d s: only %d fed-back records were scored by both"
                                + " models (%d needed)",
                        policy.timeoutMillis() / 1000,
                        n,
                        policy.minPairs()),
                out);
    }

    private void reset(Context ctx) throws Exception {
        Long due = deadline.value();
        if (due != null) {
            ctx.timerService().deleteProcessingTimeTimer(due);
        }
        deadline.clear();
        candidateVersion.clear();
        candidateBundle.clear();
        labelled.clear();
        unlabelled.clear();
    }
}
