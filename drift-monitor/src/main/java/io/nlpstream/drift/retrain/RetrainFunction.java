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
import java.util.Map;
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
 * <p>With label-free adaptation enabled ({@link AdaptConfig}) it also keeps the latest texts of
 * unlabelled records (a bounded sample) and, on an ADAPT_REQUESTED, self-trains the live head on
 * them ({@link Adapter}) under a new version, through the same steps, deadlines and restore rules
 * as a retraining; a head that fails the label-free guard on its own texts is rejected at once.
 *
 * <p>The loop survives a restore: the step it is at ({@link RetrainStep}), the highest version it
 * issued and one processing-time timer are keyed state. A training interrupted by a restore is
 * started again under a new version (at most {@link #MAX_ATTEMPTS} times); a training or candidate
 * without a verdict by the deadline is rejected with the reason, so the loop never waits forever.
 * Every candidate gets a version above every version issued or on disk before.
 *
 * <p>Gauge {@code retrainStep}: where the loop of the model this subtask handled last stands, 0
 * idle, 1 training, 2 candidate in shadow ({@link RetrainStep#code}). Counters {@code retrainings},
 * {@code adaptations} and {@code retrainRequestsIgnored} (retrain and adapt requests).
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

    /** Adapts the live model to unlabelled texts; the real one is {@link Adapter}. */
    @FunctionalInterface
    interface CandidateAdapter extends Serializable {
        Adapter.Result adapt(
                RetrainConfig config,
                AdaptConfig adapt,
                String liveModel,
                List<String> texts,
                String version);
    }

    /** What a background training or adaptation produced. */
    private record Candidate(String bundleDir, String summary, String refusal) {}

    private final RetrainConfig config;
    private final AdaptConfig adapt;
    private final CandidateTrainer candidateTrainer;
    private final CandidateAdapter candidateAdapter;

    private transient ListState<LabelledScore> recent;
    private transient ValueState<Integer> recentCount;
    private transient ListState<String> recentTexts;
    private transient ValueState<Integer> recentTextCount;
    private transient ValueState<String> liveModel;
    private transient ValueState<String> liveVersion;
    private transient ValueState<Long> lastIssued;
    private transient ValueState<RetrainStep> step;
    private transient ExecutorService trainer;
    private transient Future<Candidate> training;
    private transient String trainingVersion;
    private transient Counter requestsIgnored;
    private transient Counter retrainings;
    private transient Counter adaptations;
    private transient volatile int stepCode;

    public RetrainFunction(RetrainConfig config) {
        this(config, AdaptConfig.DISABLED);
    }

    /**
     * @param adapt label-free adaptation; with it enabled the first input also carries unlabelled
     *     scored records (no {@code trueLabel}) whose texts form the sample adaptation learns from
     */
    public RetrainFunction(RetrainConfig config, AdaptConfig adapt) {
        this(
                config,
                adapt,
                (c, model, data, version) -> new Retrainer(c).retrain(model, data, version),
                (c, a, model, texts, version) -> new Adapter(c, a).adapt(model, texts, version));
    }

    RetrainFunction(RetrainConfig config, CandidateTrainer candidateTrainer) {
        this(config, AdaptConfig.DISABLED, candidateTrainer, null);
    }

    RetrainFunction(
            RetrainConfig config,
            AdaptConfig adapt,
            CandidateTrainer candidateTrainer,
            CandidateAdapter candidateAdapter) {
        this.config = config;
        this.adapt = adapt;
        this.candidateTrainer = candidateTrainer;
        this.candidateAdapter = candidateAdapter;
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
        recentTexts =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("recent-texts", Types.STRING));
        recentTextCount =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("recent-text-count", Types.INT));
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
        adaptations = getRuntimeContext().getMetricGroup().counter("adaptations");
        getRuntimeContext().getMetricGroup().gauge("retrainStep", (Gauge<Integer>) () -> stepCode);
    }

    @Override
    public void processElement1(LabelledScore score, Context ctx, Collector<ModelUpdate> out)
            throws Exception {
        if (score.text == null || (score.trueLabel == null && !adapt.enabled())) {
            return;
        }
        if (liveVersion.value() == null) {
            liveVersion.update(score.modelVersion);
        }
        if (score.trueLabel == null) {
            if (!score.text.isBlank()) {
                recentTexts.add(score.text);
                recentTextCount.update(
                        keepLatest(recentTexts, recentTextCount.value(), adapt.sampleSize()));
            }
            return;
        }
        recent.add(score);
        recentCount.update(keepLatest(recent, recentCount.value(), config.recentWindow()));
    }

    /**
     * After one element was added to a list of {@code before} elements, trims it to its latest
     * {@code window}; in steps, so that the list is rewritten once per hundred elements, not every
     * time.
     *
     * @return the list's size now
     */
    private static <T> int keepLatest(ListState<T> list, Integer before, int window)
            throws Exception {
        int count = before == null ? 1 : before + 1;
        if (count > window + 100) {
            List<T> all = new ArrayList<>();
            list.get().forEach(all::add);
            List<T> kept = new ArrayList<>(all.subList(all.size() - window, all.size()));
            list.update(kept);
            count = kept.size();
        }
        return count;
    }

    @Override
    public void processElement2(ModelUpdate update, Context ctx, Collector<ModelUpdate> out)
            throws Exception {
        RetrainStep current = step.value();
        boolean mine = current != null && current.version.equals(update.getVersion());
        switch (update.getCommand()) {
            case "RETRAIN_REQUESTED" -> onRequest(update, ctx, RetrainStep.RETRAIN);
            case "ADAPT_REQUESTED" -> onRequest(update, ctx, RetrainStep.ADAPT);
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

    private void onRequest(ModelUpdate request, Context ctx, String kind) throws Exception {
        boolean adapting = RetrainStep.ADAPT.equals(kind);
        ValueState<Integer> count = adapting ? recentTextCount : recentCount;
        int records = count.value() == null ? 0 : count.value();
        int needed = adapting ? adapt.minTexts() : config.minLabelled();
        RetrainStep current = step.value();
        if (current != null || records < needed || (adapting && !adapt.enabled())) {
            requestsIgnored.inc();
            LOG.info(
                    "{} request for {} ignored: step={} {}, {}={}",
                    kind,
                    request.getModelId(),
                    current == null ? "none" : current.phase,
                    current == null ? "" : current.version,
                    adapting ? "texts" : "labelled",
                    records);
            return;
        }
        if (liveVersion.value() == null) {
            liveVersion.update(request.getVersion());
        }
        long now = ctx.timerService().currentProcessingTime();
        RetrainStep next = new RetrainStep();
        next.phase = RetrainStep.TRAINING;
        next.kind = kind;
        next.requestedAt = now;
        next.deadline = now + config.candidateTimeoutMillis();
        launch(next, ctx);
    }

    /** Starts a training (or adaptation) under a fresh version and polls it. */
    private void launch(RetrainStep s, Context ctx) throws Exception {
        String model = liveModel.value() != null ? liveModel.value() : config.baseModel();
        String version = issueVersion(ctx.getCurrentKey());
        s.version = version;
        s.attempts++;
        step.update(s);
        stepCode = RetrainStep.code(s);
        trainingVersion = version;
        if (s.adapting()) {
            List<String> all = new ArrayList<>();
            recentTexts.get().forEach(all::add);
            List<String> texts =
                    new ArrayList<>(
                            all.subList(Math.max(0, all.size() - adapt.sampleSize()), all.size()));
            LOG.info(
                    "adapting {} as version {} on {} unlabelled texts",
                    model,
                    version,
                    texts.size());
            training =
                    trainer.submit(
                            () ->
                                    adapted(
                                            candidateAdapter.adapt(
                                                    config, adapt, model, texts, version),
                                            texts.size()));
            adaptations.inc();
        } else {
            List<LabelledScore> all = new ArrayList<>();
            recent.get().forEach(all::add);
            List<LabelledText> data = new ArrayList<>();
            for (LabelledScore r :
                    all.subList(Math.max(0, all.size() - config.recentWindow()), all.size())) {
                data.add(new LabelledText(r.id, "recent", r.text, r.trueLabel, r.eventTime));
            }
            LOG.info(
                    "retraining {} as version {} on {} labelled records",
                    model,
                    version,
                    data.size());
            training =
                    trainer.submit(
                            () -> trained(candidateTrainer.train(config, model, data, version)));
            retrainings.inc();
        }
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
        Candidate result;
        try {
            result = training.get();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String what = s.adapting() ? "adaptation" : "retraining";
            LOG.warn("{} failed", what, cause);
            reject(s, ctx, out, what + " failed: " + cause.getMessage());
            return;
        } finally {
            training = null;
        }
        long seconds = (timestamp - s.requestedAt) / 1000;
        s.bundle = result.bundleDir();
        if (result.refusal() != null) {
            reject(s, ctx, out, result.refusal());
            return;
        }
        s.phase = RetrainStep.CANDIDATE;
        step.update(s);
        stepCode = RetrainStep.code(s);
        ctx.timerService().registerProcessingTimeTimer(s.deadline);
        out.collect(
                command("SHADOW_START", ctx, s)
                        .setBundleUri(s.bundle)
                        .setReason(
                                String.format(
                                        Locale.ROOT,
                                        "%s in %d s; %s",
                                        s.adapting() ? "adapted" : "trained",
                                        seconds,
                                        result.summary()))
                        .build());
    }

    private static Candidate trained(Retrainer.Result r) {
        Double auc = r.manifest().metrics().get("heldout.auc");
        return new Candidate(
                r.bundleDir(),
                String.format(Locale.ROOT, "held-out AUC %.4f", auc == null ? Double.NaN : auc),
                null);
    }

    /** A head that fails the guard on its own texts is not worth a shadow run. */
    private static Candidate adapted(Adapter.Result r, int texts) {
        Map<String, String> training = r.manifest().training();
        String summary =
                String.format(
                        Locale.ROOT,
                        "self-trained on %d recent unlabelled texts (%s rounds, share %s); on"
                                + " them %s",
                        texts,
                        training.get("rounds"),
                        training.get("share"),
                        r.verdict().reason());
        return new Candidate(
                r.bundleDir(),
                summary,
                r.verdict().passed()
                        ? null
                        : "adapted head failed the label-free guard on its texts: "
                                + r.verdict().reason());
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
