package io.nlpstream.drift.retrain;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest labelled records of a model and, on a retrain request, trains a candidate in the
 * background; when it is ready it asks the inference operators to run it in shadow. Keyed by model
 * id. One retraining at a time; requests that arrive meanwhile are counted and ignored.
 *
 * <p>The loop survives a restore: the step it is at ({@link RetrainStep}), the highest version it
 * issued and one processing-time timer are keyed state. A training interrupted by a restore is
 * started again under a new version (at most {@link #MAX_ATTEMPTS} times); a training or candidate
 * without a verdict by the deadline is rejected with the reason, so the loop never waits forever.
 * Every candidate gets a version above every version issued or on disk before.
 *
 * <p>Gauge {@code retrainStep}: where the loop of the model this subtask handled last stands, 0
 * idle, 1 training, 2 candidate in shadow ({@link RetrainStep#code}).
 */
public class RetrainFunction
        extends KeyedCoProcessFunction<String, LabelledScore, ModelUpdate, ModelUpdate> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RetrainFunction.class);
    private static final long POLL_MILLIS = 1_000;

    /** Trainings started for one request before it is rejected. */
    static final int MAX_ATTEMPTS = 2;

    /** Trains a candidate bundle; the real one is {@link Retrainer}. */
    @FunctionalInterface
    interface CandidateTrainer extends Serializable {
        Retrainer.Result train(
                RetrainConfig config, String liveModel, List<LabelledText> data, String version);
    }

    private final RetrainConfig config;
    private final CandidateTrainer candidateTrainer;

    private transient ListState<LabelledScore> recent;
    private transient ValueState<Integer> recentCount;
    private transient ValueState<String> liveModel;
    private transient ValueState<String> liveVersion;
    private transient ValueState<Long> lastIssued;
    private transient ValueState<RetrainStep> step;
    private transient ExecutorService trainer;
    private transient Future<Retrainer.Result> training;
    private transient String trainingVersion;
    private transient Counter requestsIgnored;
    private transient Counter retrainings;
    private transient volatile int stepCode;

    public RetrainFunction(RetrainConfig config) {
        this(config, (c, model, data, version) -> new Retrainer(c).retrain(model, data, version));
    }

    RetrainFunction(RetrainConfig config, CandidateTrainer candidateTrainer) {
        this.config = config;
        this.candidateTrainer = candidateTrainer;
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
        lastIssued =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("last-issued-version", Types.LONG));
        step =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "retrain-step", TypeInformation.of(RetrainStep.class)));
        trainer =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "retrainer");
                            t.setDaemon(true);
                            return t;
                        });
        requestsIgnored = getRuntimeContext().getMetricGroup().counter("retrainRequestsIgnored");
        retrainings = getRuntimeContext().getMetricGroup().counter("retrainings");
        getRuntimeContext().getMetricGroup().gauge("retrainStep", (Gauge<Integer>) () -> stepCode);
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
        RetrainStep current = step.value();
        boolean mine = current != null && current.version.equals(update.getVersion());
        switch (update.getCommand()) {
            case "RETRAIN_REQUESTED" -> onRequest(update, ctx);
            case "PROMOTED", "ROLLED_BACK" -> {
                if (update.getBundleUri() != null) {
                    liveModel.update(update.getBundleUri());
                }
                liveVersion.update(update.getVersion());
                remember(update.getVersion());
                if (mine) {
                    finish(ctx);
                }
            }
            case "REJECT", "LOAD_FAILED" -> {
                if (mine) {
                    finish(ctx);
                }
            }
            default -> {
                // other commands are not the retrainer's business
            }
        }
    }

    private void onRequest(ModelUpdate request, Context ctx) throws Exception {
        int labelled = recentCount.value() == null ? 0 : recentCount.value();
        RetrainStep current = step.value();
        if (current != null || labelled < config.minLabelled()) {
            requestsIgnored.inc();
            LOG.info(
                    "retrain request for {} ignored: step={} {}, labelled={}",
                    request.getModelId(),
                    current == null ? "none" : current.phase,
                    current == null ? "" : current.version,
                    labelled);
            return;
        }
        if (liveVersion.value() == null) {
            liveVersion.update(request.getVersion());
        }
        long now = ctx.timerService().currentProcessingTime();
        RetrainStep next = new RetrainStep();
        next.phase = RetrainStep.TRAINING;
        next.requestedAt = now;
        next.deadline = now + config.candidateTimeoutMillis();
        launch(next, ctx);
    }

    /** Starts a training under a fresh version and polls it. */
    private void launch(RetrainStep s, Context ctx) throws Exception {
        List<LabelledScore> all = new ArrayList<>();
        recent.get().forEach(all::add);
        List<LabelledText> data = new ArrayList<>();
        for (LabelledScore r :
                all.subList(Math.max(0, all.size() - config.recentWindow()), all.size())) {
            data.add(new LabelledText(r.id, "recent", r.text, r.trueLabel, r.eventTime));
        }
        String model = liveModel.value() != null ? liveModel.value() : config.baseModel();
        String version = issueVersion(ctx.getCurrentKey());
        s.version = version;
        s.attempts++;
        step.update(s);
        stepCode = RetrainStep.code(s);
        trainingVersion = version;
        LOG.info("retraining {} as version {} on {} labelled records", model, version, data.size());
        training = trainer.submit(() -> candidateTrainer.train(config, model, data, version));
        retrainings.inc();
        ctx.timerService()
                .registerProcessingTimeTimer(
                        ctx.timerService().currentProcessingTime() + POLL_MILLIS);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ModelUpdate> out)
            throws Exception {
        RetrainStep s = step.value();
        if (s == null) {
            return;
        }
        stepCode = RetrainStep.code(s); // also after a restore, which clears the field
        if (!s.training()) {
            if (timestamp >= s.deadline) {
                reject(s, ctx, out, "no verdict on candidate " + s.version + " in time");
            }
            return;
        }
        if (training == null || !s.version.equals(trainingVersion)) {
            // Restored: the training ran in a process that is gone.
            if (s.attempts >= MAX_ATTEMPTS) {
                reject(
                        s,
                        ctx,
                        out,
                        "training interrupted by a restore " + s.attempts + " times; rejected");
            } else {
                LOG.info("training {} was interrupted by a restore; starting again", s.version);
                launch(s, ctx);
            }
            return;
        }
        if (!training.isDone()) {
            if (timestamp >= s.deadline) {
                training.cancel(true);
                training = null;
                reject(s, ctx, out, "training " + s.version + " did not finish in time");
            } else {
                ctx.timerService().registerProcessingTimeTimer(timestamp + POLL_MILLIS);
            }
            return;
        }
        Retrainer.Result result;
        try {
            result = training.get();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.warn("retraining failed", cause);
            reject(s, ctx, out, "retraining failed: " + cause.getMessage());
            return;
        } finally {
            training = null;
        }
        long seconds = (timestamp - s.requestedAt) / 1000;
        Double auc = result.manifest().metrics().get("heldout.auc");
        s.phase = RetrainStep.CANDIDATE;
        s.bundle = result.bundleDir();
        step.update(s);
        stepCode = RetrainStep.code(s);
        ctx.timerService().registerProcessingTimeTimer(s.deadline);
        out.collect(
                command("SHADOW_START", ctx, s)
                        .setBundleUri(s.bundle)
                        .setReason(
                                String.format(
                                        Locale.ROOT,
                                        "trained in %d s; held-out AUC %.4f",
                                        seconds,
                                        auc == null ? Double.NaN : auc))
                        .build());
    }

    private void reject(
            RetrainStep s, OnTimerContext ctx, Collector<ModelUpdate> out, String reason)
            throws Exception {
        ModelUpdate.Builder reject = command("REJECT", ctx, s).setReason(reason);
        if (s.bundle != null) {
            reject.setBundleUri(s.bundle);
        }
        out.collect(reject.build());
        finish(ctx);
    }

    private ModelUpdate.Builder command(String command, Context ctx, RetrainStep s) {
        return ModelUpdate.newBuilder()
                .setCommand(command)
                .setModelId(ctx.getCurrentKey())
                .setVersion(s.version)
                .setIssuedBy("retrainer")
                .setTime(ctx.timerService().currentProcessingTime());
    }

    private void finish(Context ctx) throws Exception {
        RetrainStep s = step.value();
        if (s != null && !s.training()) {
            ctx.timerService().deleteProcessingTimeTimer(s.deadline);
        }
        step.clear();
        stepCode = RetrainStep.code(null);
    }

    /** What the {@code retrainStep} gauge shows (for tests). */
    int retrainStep() {
        return stepCode;
    }

    /**
     * A version above the live one, every one issued before, and every bundle directory of this
     * model already on disk, so no two candidates share a version or a directory.
     */
    private String issueVersion(String modelId) throws Exception {
        long n =
                Math.max(
                        numeric(liveVersion.value()),
                        lastIssued.value() == null ? 0 : lastIssued.value());
        do {
            n++;
        } while (Files.exists(Path.of(config.bundleDir(), modelId + "-" + n)));
        lastIssued.update(n);
        return String.valueOf(n);
    }

    private void remember(String version) throws Exception {
        long n = numeric(version);
        if (lastIssued.value() == null || n > lastIssued.value()) {
            lastIssued.update(n);
        }
    }

    /** The version's number; a version that is not a number counts as 1. */
    static long numeric(String version) {
        if (version == null) {
            return 1;
        }
        try {
            return Long.parseLong(version.trim());
        } catch (NumberFormatException e) {
            return 1;
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
