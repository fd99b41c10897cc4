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
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Compares a shadow candidate with the live model on the same fed-back records and decides: PROMOTE
 * when the candidate's AUC beats the live one by the margin, REJECT when it is worse or never gets
 * better. Keyed by model id; the first input carries the labelled scores of both models.
 */
public class ShadowEvaluator
        extends KeyedCoProcessFunction<String, LabelledScore, ModelUpdate, ModelUpdate> {
    private static final long serialVersionUID = 1L;

    private final PromotionPolicy policy;

    private transient ValueState<String> candidateVersion;
    private transient ValueState<String> candidateBundle;
    private transient MapState<String, LabelledScore> unpairedLive;
    private transient MapState<String, LabelledScore> unpairedShadow;
    private transient ListState<LabelledScore> pairedLive;
    private transient ListState<LabelledScore> pairedShadow;
    private transient ValueState<Integer> pairs;

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
        unpairedLive =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("unpaired-live", Types.STRING, scoreType));
        unpairedShadow =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "unpaired-shadow", Types.STRING, scoreType));
        pairedLive =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("paired-live", scoreType));
        pairedShadow =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("paired-shadow", scoreType));
        pairs = getRuntimeContext().getState(new ValueStateDescriptor<>("pairs", Types.INT));
    }

    @Override
    public void processElement1(LabelledScore score, Context ctx, Collector<ModelUpdate> out)
            throws Exception {
        String candidate = candidateVersion.value();
        if (candidate == null || score.trueLabel == null) {
            return;
        }
        boolean shadow = candidate.equals(score.modelVersion);
        MapState<String, LabelledScore> mine = shadow ? unpairedShadow : unpairedLive;
        MapState<String, LabelledScore> other = shadow ? unpairedLive : unpairedShadow;
        LabelledScore partner = other.get(score.id);
        if (partner == null) {
            mine.put(score.id, score);
            return;
        }
        other.remove(score.id);
        pairedLive.add(shadow ? partner : score);
        pairedShadow.add(shadow ? score : partner);
        int n = pairs.value() == null ? 1 : pairs.value() + 1;
        pairs.update(n);
        if (n >= policy.minPairs() && n % policy.evaluateEvery() == 0) {
            decide(ctx.getCurrentKey(), n, out);
        }
    }

    private void decide(String modelId, int n, Collector<ModelUpdate> out) throws Exception {
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
        if (command == null) {
            return;
        }
        out.collect(
                ModelUpdate.newBuilder()
                        .setCommand(command)
                        .setModelId(modelId)
                        .setVersion(candidateVersion.value())
                        .setBundleUri(candidateBundle.value())
                        .setReason(figures)
                        .setIssuedBy("shadow-evaluator")
                        .setTime(System.currentTimeMillis())
                        .build());
        reset();
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
        switch (update.getCommand()) {
            case "SHADOW_STARTED" -> {
                reset();
                candidateVersion.update(update.getVersion());
                candidateBundle.update(update.getBundleUri());
            }
            case "PROMOTED", "REJECT", "LOAD_FAILED", "SHADOW_STOP", "ROLLED_BACK" -> reset();
            default -> {
                // commands for other operators
            }
        }
    }

    private void reset() {
        candidateVersion.clear();
        candidateBundle.clear();
        unpairedLive.clear();
        unpairedShadow.clear();
        pairedLive.clear();
        pairedShadow.clear();
        pairs.clear();
    }
}
