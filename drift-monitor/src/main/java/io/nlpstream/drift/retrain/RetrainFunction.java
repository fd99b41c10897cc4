package io.nlpstream.drift.retrain;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.serving.datasets.LabelledText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest labelled records of a model and, on a retrain request, trains a candidate in the
 * background; when it is ready it asks the inference operators to run it in shadow. Keyed by model
 * id. One retraining at a time; requests that arrive meanwhile are counted and ignored.
 */
public class RetrainFunction
        extends KeyedCoProcessFunction<String, LabelledScore, ModelUpdate, ModelUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RetrainFunction.class);
    private static final long POLL_MILLIS = 1_000;

    private final RetrainConfig config;

    private transient ListState<LabelledScore> recent;
    private transient ValueState<Integer> recentCount;
    private transient ValueState<String> liveModel;
    private transient ValueState<String> liveVersion;
    private transient ValueState<Boolean> candidatePending;
    private transient ExecutorService trainer;
    private transient Future<Retrainer.Result> training;
    private transient String trainingVersion;
    private transient long trainingStarted;
    private transient Counter requestsIgnored;
    private transient Counter retrainings;

    public RetrainFunction(RetrainConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        recent =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "recent-labelled",
                                        TypeInformation.of(LabelledScore.class)));
        recentCount =
                getRuntimeContext().getState(new ValueStateDescriptor<>("recent-count", Types.INT));
        liveModel =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("live-model", Types.STRING));
        liveVersion =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("live-version", Types.STRING));
        candidatePending =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("candidate-pending", Types.BOOLEAN));
        trainer =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "retrainer");
                            t.setDaemon(true);
                            return t;
                        });
        requestsIgnored = getRuntimeContext().getMetricGroup().counter("retrainRequestsIgnored");
        retrainings = getRuntimeContext().getMetricGroup().counter("retrainings");
    }

    @Override
    public void processElement1(LabelledScore score, Context ctx, Collector<ModelUpdate> out)
            throws Exception {
        if (score.trueLabel == null || score.text == null) {
            return;
        }
        if (liveVersion.value() == null) {
            liveVersion.update(score.modelVersion);
        }
        recent.add(score);
        int count = recentCount.value() == null ? 1 : recentCount.value() + 1;
        // Trim in steps so that the list is rewritten once per hundred records, not every time.
        if (count > config.recentWindow() + 100) {
            List<LabelledScore> all = new ArrayList<>();
            recent.get().forEach(all::add);
            List<LabelledScore> kept =
                    new ArrayList<>(all.subList(all.size() - config.recentWindow(), all.size()));
            recent.update(kept);
            count = kept.size();
        }
        recentCount.update(count);
    }

    @Override
    public void processElement2(ModelUpdate update, Context ctx, Collector<ModelUpdate> out)
            throws Exception {
        switch (update.getCommand()) {
            case "RETRAIN_REQUESTED" -> onRequest(update, ctx);
            case "PROMOTED", "ROLLED_BACK" -> {
                if (update.getBundleUri() != null) {
                    liveModel.update(update.getBundleUri());
                }
                liveVersion.update(update.getVersion());
                candidatePending.clear();
            }
            case "REJECT", "LOAD_FAILED" -> candidatePending.clear();
            default -> {
                // other commands are not the retrainer's business
            }
        }
    }

    private void onRequest(ModelUpdate request, Context ctx) throws Exception {
        int labelled = recentCount.value() == null ? 0 : recentCount.value();
        if (training != null
                || Boolean.TRUE.equals(candidatePending.value())
                || labelled < config.minLabelled()) {
            requestsIgnored.inc();
            LOG.info(
                    "retrain request for {} ignored: training={}, candidate pending={}, labelled={}",
                    request.getModelId(),
                    training != null,
                    candidatePending.value(),
                    labelled);
            return;
        }
        List<LabelledScore> all = new ArrayList<>();
        recent.get().forEach(all::add);
        List<LabelledText> data = new ArrayList<>();
        for (LabelledScore s :
                all.subList(Math.max(0, all.size() - config.recentWindow()), all.size())) {
            data.add(new LabelledText(s.id, "recent", s.text, s.trueLabel, s.eventTime));
        }
        String model = liveModel.value() != null ? liveModel.value() : config.baseModel();
        String version =
                nextVersion(
                        liveVersion.value() != null ? liveVersion.value() : request.getVersion());
        trainingVersion = version;
        trainingStarted = System.currentTimeMillis();
        Retrainer retrainer = new Retrainer(config);
        LOG.info("retraining {} as version {} on {} labelled records", model, version, data.size());
        training = trainer.submit(() -> retrainer.retrain(model, data, version));
        retrainings.inc();
        ctx.timerService()
                .registerProcessingTimeTimer(
                        ctx.timerService().currentProcessingTime() + POLL_MILLIS);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ModelUpdate> out)
            throws Exception {
        if (training == null) {
            return;
        }
        if (!training.isDone()) {
            ctx.timerService().registerProcessingTimeTimer(timestamp + POLL_MILLIS);
            return;
        }
        long seconds = (System.currentTimeMillis() - trainingStarted) / 1000;
        ModelUpdate.Builder update =
                ModelUpdate.newBuilder()
                        .setModelId(ctx.getCurrentKey())
                        .setVersion(trainingVersion)
                        .setIssuedBy("retrainer")
                        .setTime(System.currentTimeMillis());
        try {
            Retrainer.Result result = training.get();
            Double auc = result.manifest().metrics().get("heldout.auc");
            update.setCommand("SHADOW_START")
                    .setBundleUri(result.bundleDir())
                    .setReason(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "trained in %d s; held-out AUC %.4f",
                                    seconds,
                                    auc == null ? Double.NaN : auc));
            candidatePending.update(true);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.warn("retraining failed", cause);
            update.setCommand("REJECT").setReason("retraining failed: " + cause.getMessage());
        } finally {
            training = null;
        }
        out.collect(update.build());
    }

    static String nextVersion(String version) {
        if (version == null) {
            return "2";
        }
        try {
            return String.valueOf(Integer.parseInt(version) + 1);
        } catch (NumberFormatException e) {
            return version + ".1";
        }
    }

    @Override
    public void close() throws Exception {
        if (trainer != null) {
            trainer.shutdownNow();
        }
        super.close();
    }
}
