package io.nlpstream.drift.retrain;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.metrics.RocAuc;
import io.nlpstream.schemas.ModelUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
 * <p>Counters {@code promotions} and {@code rejections} count its verdicts.
 */
public class ShadowEvaluator
        extends KeyedCoProcessFunction<String, LabelledScore, ModelUpdate, ModelUpdate> {
    private static final long serialVersionUID = 1L;
    private static final String LIVE = "L";
    private static final String SHADOW = "S";

    private final PromotionPolicy policy;

    private transient ValueState<String> candidateVersion;
    private transient ValueState<String> candidateBundle;
    private transient ValueState<Long> deadline;
    private transient MapState<String, LabelledScore> unpairedLive;
    private transient MapState<String, LabelledScore> unpairedShadow;
    private transient MapState<Long, String> arrivalOrder;
    private transient ValueState<long[]> arrivalRange;
    private transient ListState<LabelledScore> pairedLive;
    private transient ListState<LabelledScore> pairedShadow;
    private transient ValueState<Integer> pairs;
    private transient Counter unpairedDropped;
    private transient Counter promotions;
    private transient Counter rejections;

    public ShadowEvaluator(PromotionPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<LabelledScore> scoreType = TypeInformation.of(LabelledScore.class);
        candidateVersion =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("candidate-version", Types.STRING));
        candidateBundle =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("candidate-bundle", Types.STRING));
        deadline =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("verdict-deadline", Types.LONG));
        unpairedLive =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("unpaired-live", Types.STRING, scoreType));
        unpairedShadow =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "unpaired-shadow", Types.STRING, scoreType));
        arrivalOrder =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "unpaired-order", Types.LONG, Types.STRING));
        arrivalRange =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "unpaired-range", TypeInformation.of(long[].class)));
        pairedLive =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("paired-live", scoreType));
        pairedShadow =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("paired-shadow", scoreType));
        pairs = getRuntimeContext().getState(new ValueStateDescriptor<>("pairs", Types.INT));
        unpairedDropped = getRuntimeContext().getMetricGroup().counter("shadowUnpairedDropped");
        promotions = getRuntimeContext().getMetricGroup().counter("promotions");
        rejections = getRuntimeContext().getMetricGroup().counter("rejections");
    }

    @Override
    public void processElement1(LabelledScore score, Context ctx, Collector<ModelUpdate> out)
            throws Exception {
        String candidate = candidateVersion.value();
        if (candidate == null || score.trueLabel == null) {
            return;
        }
        LabelledScore compact = score.withoutText();
        boolean shadow = candidate.equals(score.modelVersion);
        MapState<String, LabelledScore> mine = shadow ? unpairedShadow : unpairedLive;
        MapState<String, LabelledScore> other = shadow ? unpairedLive : unpairedShadow;
        LabelledScore partner = other.get(score.id);
        if (partner == null) {
            if (!mine.contains(score.id)) {
                remember((shadow ? SHADOW : LIVE) + score.id);
            }
            mine.put(score.id, compact);
            return;
        }
        other.remove(score.id);
        pairedLive.add(shadow ? partner : compact);
        pairedShadow.add(shadow ? compact : partner);
        int n = pairs.value() == null ? 1 : pairs.value() + 1;
        pairs.update(n);
        if (n >= policy.maxPairs() || (n >= policy.minPairs() && n % policy.evaluateEvery() == 0)) {
            decide(ctx, n, out);
        }
    }

    /** Keeps the arrival order of unpaired records and drops the oldest beyond the bound. */
    private void remember(String sideAndId) throws Exception {
        long[] range = arrivalRange.value();
        if (range == null) {
            range = new long[2]; // [oldest, next]
        }
        arrivalOrder.put(range[1]++, sideAndId);
        while (range[1] - range[0] > policy.maxUnpaired()) {
            String oldest = arrivalOrder.get(range[0]);
            arrivalOrder.remove(range[0]++);
            MapState<String, LabelledScore> side =
                    oldest.startsWith(SHADOW) ? unpairedShadow : unpairedLive;
            String id = oldest.substring(1);
            if (side.contains(id)) {
                side.remove(id);
                unpairedDropped.inc();
            }
        }
        arrivalRange.update(range);
    }

    private void decide(Context ctx, int n, Collector<ModelUpdate> out) throws Exception {
        double liveAuc = auc(pairedLive);
        double shadowAuc = auc(pairedShadow);
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

    private static double auc(ListState<LabelledScore> scores) throws Exception {
        List<Map<String, Double>> probabilities = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (LabelledScore s : scores.get()) {
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
        int n = pairs.value() == null ? 0 : pairs.value();
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
        unpairedLive.clear();
        unpairedShadow.clear();
        arrivalOrder.clear();
        arrivalRange.clear();
        pairedLive.clear();
        pairedShadow.clear();
        pairs.clear();
    }
}
