package io.nlpstream.operators.batching;

import io.nlpstream.operators.DeadLetters;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.batching.BatchOutcome.ShadowResults;
import io.nlpstream.operators.batching.BatchOutcome.TextResult;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.Classification;
import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.ModelDescriptor;
import io.nlpstream.serving.TextClassifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.operators.YieldingOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.function.ThrowingRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores TextEvents in micro-batches on a model thread of its own; the second input carries model
 * updates (shadow, promote, rollback), loaded on a loader thread and swapped in between two
 * batches.
 *
 * <p>The task thread never waits for the model: it costs each arriving text with the tokenizer,
 * queues it, hands the next batch to the model thread as soon as the model is idle, and emits the
 * results in order when they come back through the mailbox. Meanwhile it keeps taking input, firing
 * timers and passing checkpoint barriers. Waiting and in-flight texts, the served model references
 * and the model updates not yet applied are part of every checkpoint; after a restore they are
 * scored or applied again. A full queue stops the input, so a slow model back-pressures the source
 * instead of growing a queue. Watermarks wait until every text before them has left.
 *
 * <p>How many texts a batch takes is the {@link BatchPlanner}'s choice, from a cost model learned
 * online and the latency target ({@link BatchingConfig}). A text the tokenizer refuses is a dead
 * letter at once; a batch the model refuses is split until the refused text is isolated, and a
 * model that fails every text fails the task so that Flink restores from the last checkpoint
 * ({@link ModelRun}).
 */
public class MicroBatchInferenceOperator extends AbstractStreamOperator<ScoredEvent>
        implements TwoInputStreamOperator<TextEvent, ModelUpdate, ScoredEvent>,
                BoundedMultiInput,
                YieldingOperator<ScoredEvent>,
                ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchInferenceOperator.class);
    public static final String STAGE = "INFERENCE";
    private static final int LATENCY_WINDOW = 512;
    private static final long CLOSE_WAIT_SECONDS = 30;

    /** Index of the model control input in the watermark bookkeeping (0 is the texts). */
    private static final int CONTROL_INPUT = 1;

    private final BatchingConfig config;
    private final ClassifierProvider classifierProvider;

    private transient MailboxExecutor mailbox;
    private transient ExecutorService modelThread;
    private transient ExecutorService loaderThread;

    private transient List<PendingText> waiting;
    private transient List<PendingText> inFlight;
    private transient BatchPlanner.Plan inFlightPlan;
    private transient long nextSequence;
    private transient ArrayDeque<HeldWatermark> heldWatermarks;
    private transient boolean draining;
    private transient boolean timerPending;
    private transient boolean failed;

    private transient ServingModels models;
    private transient ModelHealthProbe modelHealth;
    private transient ArrayDeque<QueuedUpdate> controlQueue;
    private transient ModelUpdate loading;
    private transient LoadedModel ready;

    private transient RunCostModel costs;
    private transient RunBudget budget;
    private transient BatchPlanner planner;
    private transient LatencyWindow latencies;

    /** Texts from a checkpoint, queued in {@code open()} once the model can cost them. */
    private transient List<RestoredText> pendingRestored;

    private transient ListState<TextEvent> bufferState;
    private transient ListState<Long> timestampState;
    private transient ListState<String> modelState;
    private transient ListState<ModelUpdate> controlState;

    private transient Histogram batchSizes;
    private transient Histogram queueWaitMillis;
    private transient Histogram inferenceMillis;
    private transient Histogram latencyMillis;
    private transient Counter textsScored;
    private transient Counter textsRejected;
    private transient Counter shadowFailures;
    private transient Counter modelSwaps;
    private transient Counter tokensReal;
    private transient Counter tokensPadded;
    private transient volatile int chosenBatchSize;
    private transient volatile double predictedLatency = Double.NaN;
    private transient volatile double observedP99 = Double.NaN;
    private transient volatile int queued;
    private transient volatile long servingVersion;
    private transient volatile long shadowVersion;

    public MicroBatchInferenceOperator(
            BatchingConfig config, ClassifierProvider classifierProvider) {
        // Fail when the job is built, not in a restart loop: the model must exist and be whole.
        classifierProvider.check(classifierProvider.defaultModel());
        this.config = config;
        this.classifierProvider = classifierProvider;
    }

    @Override
    public void setMailboxExecutor(MailboxExecutor mailboxExecutor) {
        this.mailbox = mailboxExecutor;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        waiting = new ArrayList<>();
        heldWatermarks = new ArrayDeque<>();
        controlQueue = new ArrayDeque<>();
        models = new ServingModels(classifierProvider);
        modelHealth = new ModelHealthProbe();
        costs = new RunCostModel();
        budget = new RunBudget(config.latencyTargetMillis());
        planner = new BatchPlanner(config, costs, budget);
        latencies = new LatencyWindow(LATENCY_WINDOW);
        var store = context.getOperatorStateStore();
        bufferState =
                store.getListState(
                        new ListStateDescriptor<>(
                                "buffered-events", TypeInformation.of(TextEvent.class)));
        timestampState =
                store.getListState(new ListStateDescriptor<>("buffered-timestamps", Types.LONG));
        // Every subtask serves the same models and sees the same updates (a broadcast input), so
        // after rescaling any copy is right.
        modelState =
                store.getUnionListState(new ListStateDescriptor<>("served-models", Types.STRING));
        controlState =
                store.getUnionListState(
                        new ListStateDescriptor<>(
                                "pending-model-updates", TypeInformation.of(ModelUpdate.class)));
        if (context.isRestored()) {
            restoreWaitingTexts();
            models.restore(modelState.get());
            // The union holds every subtask's copy of the same updates.
            LinkedHashSet<ModelUpdate> updates = new LinkedHashSet<>();
            controlState.get().forEach(updates::add);
            updates.forEach(u -> controlQueue.add(new QueuedUpdate(u, 0)));
        }
    }

    private void restoreWaitingTexts() throws Exception {
        List<TextEvent> events = new ArrayList<>();
        bufferState.get().forEach(events::add);
        List<Long> timestamps = new ArrayList<>();
        timestampState.get().forEach(timestamps::add);
        boolean withTimestamps = timestamps.size() == events.size();
        pendingRestored = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            pendingRestored.add(
                    new RestoredText(
                            events.get(i),
                            withTimestamps ? timestamps.get(i) : PendingText.NO_TIMESTAMP));
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        // The model control input (second input) has no event time: idle for good, so that the
        // texts' watermark alone is this operator's event time.
        super.processWatermarkStatus(WatermarkStatus.IDLE, CONTROL_INPUT);
        if (mailbox == null) {
            throw new IllegalStateException(
                    "the inference operator needs the task's mailbox (it is a YieldingOperator)");
        }
        registerMetrics();
        var task = getRuntimeContext().getTaskInfo();
        String name = task.getTaskName() + " (" + (task.getIndexOfThisSubtask() + 1) + ")";
        // Named after the task, so that CPU accounting counts them with it.
        modelThread = Executors.newSingleThreadExecutor(daemon(name + ": model runs"));
        loaderThread = Executors.newSingleThreadExecutor(daemon(name + ": model loads"));
        models.open();
        updateVersionGauges();
        if (pendingRestored != null) {
            for (RestoredText r : pendingRestored) {
                accept(r.event(), r.timestamp());
            }
            pendingRestored = null;
        }
        onModelIdle();
    }

    private void registerMetrics() {
        var metrics = getMetricGroup();
        batchSizes = metrics.histogram("batchSize", new DescriptiveStatisticsHistogram(1024));
        queueWaitMillis =
                metrics.histogram("queueWaitMs", new DescriptiveStatisticsHistogram(1024));
        inferenceMillis =
                metrics.histogram("inferenceMs", new DescriptiveStatisticsHistogram(1024));
        latencyMillis =
                metrics.histogram("scoredLatencyMs", new DescriptiveStatisticsHistogram(1024));
        textsScored = metrics.counter("textsScored");
        textsRejected = metrics.counter("textsRejected");
        shadowFailures = metrics.counter("shadowFailures");
        modelSwaps = metrics.counter("modelSwaps");
        tokensReal = metrics.counter("tokensReal");
        tokensPadded = metrics.counter("tokensPadded");
        metrics.meter("textsPerSecond", new MeterView(textsScored));
        metrics.gauge("bufferedRecords", () -> queued);
        metrics.gauge("paddingWaste", this::paddingWaste);
        metrics.gauge("chosenBatchSize", () -> chosenBatchSize);
        metrics.gauge("predictedLatencyMs", () -> predictedLatency);
        metrics.gauge("observedP99Ms", () -> observedP99);
        metrics.gauge("latencyTargetMs", config::latencyTargetMillis);
        metrics.gauge("servingModelVersion", () -> servingVersion);
        metrics.gauge("shadowModelVersion", () -> shadowVersion);
    }

    // ---- texts ---------------------------------------------------------------------------

    @Override
    public void processElement1(StreamRecord<TextEvent> element) throws Exception {
        accept(
                element.getValue(),
                element.hasTimestamp() ? element.getTimestamp() : PendingText.NO_TIMESTAMP);
        onModelIdle();
        // Back-pressure: take no more input until the model has taken some of the queue.
        while (waiting.size() >= config.queueCapacity() && inFlight != null) {
            mailbox.yield();
        }
    }

    /** Costs a text with the tokenizer and queues it; a text the tokenizer refuses is refused. */
    private void accept(TextEvent event, long timestamp) {
        int[] windows;
        try {
            windows = models.live.windowLengths(event.getText());
        } catch (InvalidTextException e) {
            reject(event, timestamp, e);
            return;
        }
        long now = getProcessingTimeService().getCurrentProcessingTime();
        waiting.add(
                new PendingText(
                        event,
                        timestamp,
                        nextSequence++,
                        now,
                        PendingText.latencyStart(event, now),
                        windows));
        updateQueued();
    }

    /**
     * Whenever no batch is in flight: swap in a loaded model once the texts that arrived before its
     * update have gone to the old one, go on with the updates, dispatch.
     */
    private void onModelIdle() {
        if (inFlight != null) {
            return;
        }
        if (ready != null && textsBefore(ready.boundary()) == 0) {
            applyReadyModel();
        }
        advanceControl();
        dispatchIfReady();
    }

    /** How many waiting texts arrived before the given sequence number. */
    private int textsBefore(long sequence) {
        int n = 0;
        while (n < waiting.size() && waiting.get(n).sequence() < sequence) {
            n++;
        }
        return n;
    }

    private void dispatchIfReady() {
        if (inFlight != null || waiting.isEmpty()) {
            return;
        }
        int available = waiting.size();
        boolean immediately = draining;
        if (ready != null) {
            // A loaded model waits for the texts that arrived before its update: they go first.
            available = textsBefore(ready.boundary());
            if (available == 0) {
                return;
            }
            immediately = true;
        }
        long now = getProcessingTimeService().getCurrentProcessingTime();
        if (!config.hasLatencyTarget() && !immediately && available < config.maxBatchSize()) {
            long due = waiting.get(0).arrivalMillis() + config.maxWaitMillis();
            if (now < due) {
                if (!timerPending) {
                    getProcessingTimeService().registerTimer(due, this);
                    timerPending = true;
                }
                return;
            }
        }
        BatchPlanner.Plan plan =
                planner.plan(waiting.subList(0, available), models.live::runShape, now);
        List<PendingText> batch = new ArrayList<>(waiting.subList(0, plan.size()));
        waiting.subList(0, plan.size()).clear();
        inFlight = batch;
        inFlightPlan = plan;
        chosenBatchSize = plan.size();
        predictedLatency = plan.predictedLatencyMillis();
        batchSizes.update(batch.size());
        for (PendingText p : batch) {
            queueWaitMillis.update(now - p.arrivalMillis());
        }
        ModelRun run = new ModelRun(models.live, models.shadow, modelHealth);
        try {
            modelThread.execute(
                    () -> {
                        BatchOutcome outcome;
                        try {
                            outcome = run.score(batch);
                        } catch (Throwable t) {
                            deliver(() -> fail(t), "model failure");
                            return;
                        }
                        deliver(() -> complete(outcome), "model results");
                    });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the model thread is shut down", e);
        }
    }

    /** Fails the task with what the model thread threw; a failed task is not drained. */
    private void fail(Throwable t) throws Exception {
        failed = true;
        if (t instanceof Exception e) {
            throw e;
        }
        throw (Error) t;
    }

    @Override
    public void onProcessingTime(long time) {
        timerPending = false;
        dispatchIfReady();
    }

    /** Emits a finished batch in order, learns from it, and goes on. Runs on the task thread. */
    private void complete(BatchOutcome outcome) {
        BatchPlanner.Plan plan = inFlightPlan;
        inFlight = null;
        inFlightPlan = null;
        long now = getProcessingTimeService().getCurrentProcessingTime();
        List<PendingText> batch = outcome.batch();
        int scored = 0;
        for (int i = 0; i < batch.size(); i++) {
            PendingText p = batch.get(i);
            TextResult r = outcome.results().get(i);
            if (r.scored()) {
                emit(scored(p.event(), r.classification(), outcome.model(), r.start(), r.end()), p);
                long latency = Math.max(0, now - p.startMillis());
                latencies.add(latency);
                latencyMillis.update(latency);
                scored++;
            } else {
                reject(p.event(), p.timestamp(), r.refusal());
            }
            releaseWatermarks(p.sequence());
        }
        textsScored.inc(scored);
        emitShadow(outcome);
        tokensReal.inc(plan.shape().realTokens());
        tokensPadded.inc(plan.shape().paddedTokens());
        if (outcome.runMillis() >= 0) {
            inferenceMillis.update(Math.round(outcome.runMillis()));
            costs.observe(plan.shape(), outcome.runMillis());
        }
        observedP99 = latencies.quantile(0.99);
        if (config.hasLatencyTarget()) {
            budget.update(observedP99, waiting.size() > batch.size(), now);
        }
        updateQueued();
        onModelIdle();
    }

    private void emit(ScoredEvent scored, PendingText p) {
        output.collect(
                p.hasTimestamp()
                        ? new StreamRecord<>(scored, p.timestamp())
                        : new StreamRecord<>(scored));
    }

    private void emitShadow(BatchOutcome outcome) {
        ShadowResults shadow = outcome.shadow();
        if (shadow == null) {
            return;
        }
        if (shadow.results() == null) {
            shadowFailures.inc();
            return;
        }
        int k = 0;
        for (int i = 0; i < outcome.batch().size(); i++) {
            if (!outcome.results().get(i).scored()) {
                continue;
            }
            Classification c = shadow.results().get(k++);
            output.collect(
                    OutputTags.SHADOW_SCORES,
                    new StreamRecord<>(
                            scored(
                                    outcome.batch().get(i).event(),
                                    c,
                                    shadow.model(),
                                    shadow.start(),
                                    shadow.end())));
        }
    }

    private void reject(TextEvent event, long timestamp, RuntimeException error) {
        textsRejected.inc();
        var letter = DeadLetters.fromEvent(event, STAGE, error);
        output.collect(
                OutputTags.DEAD_LETTERS,
                timestamp == PendingText.NO_TIMESTAMP
                        ? new StreamRecord<>(letter)
                        : new StreamRecord<>(letter, timestamp));
    }

    /** Padded ÷ real tokens of every batch so far; NaN before the first. */
    private double paddingWaste() {
        long real = tokensReal.getCount();
        return real == 0 ? Double.NaN : (double) tokensPadded.getCount() / real;
    }

    /** Hands work from another thread to the task thread; false when the task is gone. */
    private boolean deliver(ThrowingRunnable<? extends Exception> mail, String description) {
        try {
            mailbox.execute(mail, description);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("{} after the task ended, dropped", description);
            return false;
        }
    }

    private void updateQueued() {
        queued = waiting.size() + (inFlight == null ? 0 : inFlight.size());
    }

    // ---- watermarks, end of input, checkpoints ----------------------------------------------

    /**
     * A watermark waits until every text that arrived before it has left, so that no event-time
     * window downstream closes before them; the end-of-input watermark waits for the whole queue.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            drain();
            heldWatermarks.clear();
            super.processWatermark(mark);
        } else if (waiting.isEmpty() && inFlight == null) {
            super.processWatermark(mark);
        } else {
            heldWatermarks.add(new HeldWatermark(mark, nextSequence - 1));
        }
    }

    /** Model control commands carry no event time; their input never holds it back. */
    @Override
    public void processWatermark2(Watermark mark) {}

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int inputIndex) throws Exception {
        if (inputIndex != CONTROL_INPUT) {
            super.processWatermarkStatus(status, inputIndex);
        }
    }

    private void releaseWatermarks(long doneUpToSequence) {
        while (!heldWatermarks.isEmpty()
                && heldWatermarks.peek().lastSequence() <= doneUpToSequence) {
            try {
                super.processWatermark(heldWatermarks.poll().mark());
            } catch (Exception e) {
                throw new IllegalStateException("cannot forward a watermark", e);
            }
        }
    }

    private record HeldWatermark(Watermark mark, long lastSequence) {}

    private record RestoredText(TextEvent event, long timestamp) {}

    @Override
    public void endInput(int inputId) throws Exception {
        if (inputId == 1) {
            drain();
        }
    }

    @Override
    public void finish() throws Exception {
        drain();
        super.finish();
    }

    /** Scores every queued text and applies every model update before returning. */
    private void drain() throws InterruptedException {
        draining = true;
        try {
            while (!failed && (!waiting.isEmpty() || inFlight != null || loading != null)) {
                onModelIdle();
                if (inFlight != null || loading != null) {
                    mailbox.yield();
                }
            }
        } finally {
            draining = false;
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<TextEvent> events = new ArrayList<>();
        List<Long> timestamps = new ArrayList<>();
        if (inFlight != null) {
            for (PendingText p : inFlight) {
                events.add(p.event());
                timestamps.add(p.timestamp());
            }
        }
        for (PendingText p : waiting) {
            events.add(p.event());
            timestamps.add(p.timestamp());
        }
        bufferState.update(events);
        timestampState.update(timestamps);
        modelState.update(models.snapshot());
        controlState.update(controlQueue.stream().map(QueuedUpdate::update).toList());
    }

    @Override
    public void close() throws Exception {
        try {
            shutDown(modelThread);
            shutDown(loaderThread);
            if (ready != null) {
                classifierProvider.release(ready.classifier());
                ready = null;
            }
            if (models != null) {
                models.close();
            }
        } finally {
            super.close();
        }
    }

    private static void shutDown(ExecutorService executor) throws InterruptedException {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        // A model run in progress must end before its session may be released.
        if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("a model thread did not finish within {} s", CLOSE_WAIT_SECONDS);
        }
    }

    // ---- model updates ---------------------------------------------------------------------

    @Override
    public void processElement2(StreamRecord<ModelUpdate> element) {
        controlQueue.add(new QueuedUpdate(element.getValue(), nextSequence));
        if (inFlight == null) {
            onModelIdle();
        } else {
            advanceControl();
        }
    }

    /**
     * Works through the queued updates in order: a load starts on the loader thread (the model
     * keeps serving meanwhile); a shadow stop waits for a batch boundary.
     */
    private void advanceControl() {
        while (loading == null && !controlQueue.isEmpty()) {
            QueuedUpdate queued = controlQueue.peek();
            ModelUpdate update = queued.update();
            String command = update.getCommand();
            String ref = update.getBundleUri();
            if (ModelCommands.PROMOTE.equals(command)
                    || ModelCommands.SHADOW_START.equals(command)) {
                if (ref == null || ref.isBlank()) {
                    refuse(update, new IllegalArgumentException(command + " needs a bundle_uri"));
                } else if (alreadyServed(command, ref)) {
                    controlQueue.poll();
                } else {
                    startLoad(queued, ref);
                }
            } else if (ModelCommands.ROLLBACK.equals(command)) {
                try {
                    startLoad(queued, models.rollbackTarget());
                } catch (IllegalStateException e) {
                    refuse(update, e);
                }
            } else if (ModelCommands.SHADOW_STOP.equals(command)
                    || ModelCommands.REJECT.equals(command)) {
                if (inFlight != null) {
                    return; // the run in progress may be scoring with the candidate
                }
                if (ref == null || ref.equals(models.shadowRef)) {
                    releaseLater(models.stopShadow());
                    updateVersionGauges();
                }
                controlQueue.poll();
            } else {
                LOG.debug("model update {} is not for the inference operator", command);
                controlQueue.poll();
            }
        }
    }

    /** After a restore, an update another subtask had already applied is in the union again. */
    private boolean alreadyServed(String command, String ref) {
        return ModelCommands.PROMOTE.equals(command)
                ? ref.equals(models.liveRef)
                : ref.equals(models.shadowRef);
    }

    private void startLoad(QueuedUpdate queued, String ref) {
        ModelUpdate update = queued.update();
        loading = update;
        loaderThread.execute(
                () -> {
                    TextClassifier loaded;
                    try {
                        loaded = classifierProvider.acquire(ref);
                    } catch (RuntimeException e) {
                        deliver(() -> onLoadFailed(update, e), "model load failed");
                        return;
                    }
                    if (!deliver(() -> onLoaded(queued, ref, loaded), "model loaded")) {
                        classifierProvider.release(loaded);
                    }
                });
    }

    private void onLoaded(QueuedUpdate queued, String ref, TextClassifier classifier) {
        ready = new LoadedModel(queued.update(), ref, classifier, queued.boundary());
        onModelIdle();
    }

    private void onLoadFailed(ModelUpdate update, RuntimeException error) {
        loading = null;
        refuse(update, error);
        onModelIdle();
    }

    private void refuse(ModelUpdate update, RuntimeException error) {
        LOG.warn(
                "model update {} {} failed, the live model keeps serving: {}",
                update.getCommand(),
                update.getBundleUri(),
                error.toString());
        controlQueue.poll();
        acknowledge(
                ModelCommands.LOAD_FAILED,
                update,
                update.getCommand()
                        + " of "
                        + update.getBundleUri()
                        + " failed: "
                        + error.getMessage());
    }

    /** Swaps a loaded model in; only between two batches, so no run uses what it replaces. */
    private void applyReadyModel() {
        LoadedModel r = ready;
        ready = null;
        loading = null;
        controlQueue.poll();
        switch (r.update().getCommand()) {
            case ModelCommands.PROMOTE -> {
                releaseLater(models.promote(r.ref(), r.classifier()));
                modelSwaps.inc();
                acknowledge(
                        ModelCommands.PROMOTED,
                        loaded(r.update(), models.live, r.ref()),
                        "serving " + describeLive());
            }
            case ModelCommands.ROLLBACK -> {
                releaseLater(models.promote(r.ref(), r.classifier()));
                modelSwaps.inc();
                acknowledge(
                        ModelCommands.ROLLED_BACK,
                        loaded(r.update(), models.live, r.ref()),
                        "serving " + describeLive());
            }
            default -> {
                releaseLater(models.startShadow(r.ref(), r.classifier()));
                acknowledge(
                        ModelCommands.SHADOW_STARTED,
                        loaded(r.update(), models.shadow, r.ref()),
                        "shadow " + r.ref());
            }
        }
        updateVersionGauges();
    }

    /** Releases replaced models off the task thread: closing the last lease closes a session. */
    private void releaseLater(List<TextClassifier> replaced) {
        if (replaced.isEmpty()) {
            return;
        }
        loaderThread.execute(() -> replaced.forEach(classifierProvider::release));
    }

    /**
     * A loaded model waiting to be swapped in.
     *
     * @param boundary sequence number of the first text that arrived after its update
     */
    private record LoadedModel(
            ModelUpdate update, String ref, TextClassifier classifier, long boundary) {}

    /** A model update in arrival order; {@code boundary} as in {@link LoadedModel}. */
    private record QueuedUpdate(ModelUpdate update, long boundary) {}

    private void updateVersionGauges() {
        servingVersion = numericVersion(models.live);
        shadowVersion = numericVersion(models.shadow);
    }

    /** The digits at the end of a model's version (versions are counters); -1 when none. */
    static long numericVersion(TextClassifier model) {
        if (model == null) {
            return -1;
        }
        String version = model.descriptor().version();
        int start = version.length();
        while (start > 0 && Character.isDigit(version.charAt(start - 1))) {
            start--;
        }
        if (start == version.length() || version.length() - start > 18) {
            return -1;
        }
        return Long.parseLong(version.substring(start));
    }

    private String describeLive() {
        ModelDescriptor d = models.live.descriptor();
        return d.id() + " " + d.version() + " (" + models.liveRef + ")";
    }

    /** The command, naming the model that was actually loaded (a command may omit the version). */
    private static ModelUpdate loaded(ModelUpdate update, TextClassifier model, String ref) {
        ModelDescriptor d = model.descriptor();
        return ModelUpdate.newBuilder(update)
                .setModelId(d.id())
                .setVersion(d.version())
                .setBundleUri(ref)
                .build();
    }

    /**
     * Every subtask reports its own result, so a load that fails on one TaskManager is seen; the
     * reason names the subtask.
     */
    private void acknowledge(String command, ModelUpdate update, String reason) {
        var task = getRuntimeContext().getTaskInfo();
        ModelUpdate ack =
                ModelUpdate.newBuilder()
                        .setCommand(command)
                        .setModelId(update.getModelId())
                        .setVersion(update.getVersion())
                        .setBundleUri(update.getBundleUri())
                        .setReason(
                                "subtask "
                                        + task.getIndexOfThisSubtask()
                                        + " of "
                                        + task.getNumberOfParallelSubtasks()
                                        + ": "
                                        + reason)
                        .setIssuedBy("inference")
                        .setTime(System.currentTimeMillis())
                        .build();
        output.collect(OutputTags.MODEL_EVENTS, new StreamRecord<>(ack));
    }

    // ---- for tests and the status line ------------------------------------------------------

    /** How many texts wait for the model or are being scored. */
    public int bufferedCount() {
        return waiting.size() + (inFlight == null ? 0 : inFlight.size());
    }

    /** Whether a batch is with the model thread. */
    public boolean modelBusy() {
        return inFlight != null;
    }

    /** Whether a model update is being loaded or waits to be applied. */
    public boolean updatesPending() {
        return !controlQueue.isEmpty();
    }

    /** Reference (bundle name or directory) of the model serving now. */
    public String liveModel() {
        return models.liveRef;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static ScoredEvent scored(
            TextEvent event, Classification result, ModelDescriptor model, long start, long end) {
        return ScoredEvent.newBuilder()
                .setEvent(event)
                .setLabel(result.label())
                .setConfidence(result.confidence())
                .setScores(result.scores())
                .setModelId(model.id())
                .setModelVersion(model.version())
                .setChunks(result.chunks())
                .setInferenceStart(start)
                .setInferenceEnd(end)
                .build();
    }
}
