package io.nlpstream.operators.batching;

import io.nlpstream.operators.DeadLetters;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.Classification;
import io.nlpstream.serving.InferenceException;
import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.ModelDescriptor;
import io.nlpstream.serving.TextClassifier;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects TextEvents into micro-batches and scores each batch with one model call; the second
 * input carries model updates (shadow, promote, rollback), applied between two batches.
 *
 * <p>The buffer holds at most {@code maxBatchSize} records: a full buffer is scored at once on the
 * task thread, so a slow model back-pressures the source instead of growing a queue. Buffered
 * records and the served model references are part of every checkpoint; buffered records are scored
 * after a restore. A batch the model refuses is split in halves until the offending record is
 * isolated; that record alone becomes a dead letter, but only while the model still scores other
 * texts ({@link ModelHealthProbe}). A model that fails every text fails the task, so that Flink
 * restores from the last checkpoint instead of turning the stream into dead letters.
 */
public class MicroBatchInferenceOperator extends AbstractStreamOperator<ScoredEvent>
        implements TwoInputStreamOperator<TextEvent, ModelUpdate, ScoredEvent>,
                BoundedMultiInput,
                ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchInferenceOperator.class);
    public static final String STAGE = "INFERENCE";

    private final BatchingConfig config;
    private final ClassifierProvider classifierProvider;

    private transient List<Buffered> buffer;
    private transient ListState<TextEvent> bufferState;
    private transient ListState<String> modelState;
    private transient ServingModels models;
    private transient ModelHealthProbe modelHealth;
    private transient boolean timerPending;

    private transient Histogram batchSizes;
    private transient Histogram queueWaitMillis;
    private transient Histogram inferenceMillis;
    private transient Counter textsScored;
    private transient Counter textsRejected;
    private transient Counter shadowFailures;
    private transient Counter modelSwaps;

    public MicroBatchInferenceOperator(
            BatchingConfig config, ClassifierProvider classifierProvider) {
        // Fail when the job is built, not in a restart loop: the model must exist and be whole.
        classifierProvider.check(classifierProvider.defaultModel());
        this.config = config;
        this.classifierProvider = classifierProvider;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        buffer = new ArrayList<>(config.maxBatchSize());
        models = new ServingModels(classifierProvider);
        modelHealth = new ModelHealthProbe();
        bufferState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "buffered-events", TypeInformation.of(TextEvent.class)));
        // Every subtask serves the same models, so after rescaling any copy is right.
        modelState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>("served-models", Types.STRING));
        if (context.isRestored()) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            for (TextEvent event : bufferState.get()) {
                buffer.add(new Buffered(event, now));
            }
            models.restore(modelState.get());
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        var metrics = getMetricGroup();
        batchSizes = metrics.histogram("batchSize", new DescriptiveStatisticsHistogram(1024));
        queueWaitMillis =
                metrics.histogram("queueWaitMs", new DescriptiveStatisticsHistogram(1024));
        inferenceMillis =
                metrics.histogram("inferenceMs", new DescriptiveStatisticsHistogram(1024));
        textsScored = metrics.counter("textsScored");
        textsRejected = metrics.counter("textsRejected");
        shadowFailures = metrics.counter("shadowFailures");
        modelSwaps = metrics.counter("modelSwaps");
        metrics.meter("textsPerSecond", new MeterView(textsScored));
        metrics.gauge("bufferedRecords", () -> buffer.size());
        models.open();
        // Records restored from a checkpoint are scored as soon as their wait is over.
        if (!buffer.isEmpty()) {
            scheduleFlush();
        }
    }

    @Override
    public void processElement1(StreamRecord<TextEvent> element) throws Exception {
        buffer.add(
                new Buffered(
                        element.getValue(), getProcessingTimeService().getCurrentProcessingTime()));
        if (buffer.size() >= config.maxBatchSize()) {
            flush();
        } else if (!timerPending) {
            scheduleFlush();
        }
    }

    @Override
    public void processElement2(StreamRecord<ModelUpdate> element) {
        ModelUpdate update = element.getValue();
        String command = update.getCommand();
        if (ModelCommands.PROMOTE.equals(command) || ModelCommands.ROLLBACK.equals(command)) {
            // The batch in progress is scored by the model it arrived under. Outside the catch
            // below: a failure while scoring must fail the task (and restore the batch), never be
            // reported as a failed load while the batch is gone.
            flush();
        }
        try {
            applyModelUpdate(update);
        } catch (RuntimeException e) {
            LOG.warn(
                    "model update {} {} failed, the live model keeps serving: {}",
                    command,
                    update.getBundleUri(),
                    e.toString());
            acknowledge(
                    ModelCommands.LOAD_FAILED,
                    update,
                    command + " of " + update.getBundleUri() + " failed: " + e.getMessage());
        }
    }

    /** Loads, swaps or drops models; never scores a record, so a failure here loses none. */
    private void applyModelUpdate(ModelUpdate update) {
        String ref = update.getBundleUri();
        switch (update.getCommand()) {
            case ModelCommands.PROMOTE -> {
                requireBundle(update);
                models.promote(ref);
                modelSwaps.inc();
                acknowledge(
                        ModelCommands.PROMOTED,
                        loaded(update, models.live, ref),
                        "serving " + describeLive());
            }
            case ModelCommands.ROLLBACK -> {
                models.rollback();
                modelSwaps.inc();
                acknowledge(
                        ModelCommands.ROLLED_BACK,
                        loaded(update, models.live, models.liveRef),
                        "serving " + describeLive());
            }
            case ModelCommands.SHADOW_START -> {
                requireBundle(update);
                models.startShadow(ref);
                acknowledge(
                        ModelCommands.SHADOW_STARTED,
                        loaded(update, models.shadow, ref),
                        "shadow " + ref);
            }
            case ModelCommands.SHADOW_STOP, ModelCommands.REJECT -> {
                if (ref == null || ref.equals(models.shadowRef)) {
                    models.stopShadow();
                }
            }
            default ->
                    LOG.debug(
                            "model update {} is not for the inference operator",
                            update.getCommand());
        }
    }

    private static void requireBundle(ModelUpdate update) {
        if (update.getBundleUri() == null || update.getBundleUri().isBlank()) {
            throw new IllegalArgumentException(update.getCommand() + " needs a bundle_uri");
        }
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

    @Override
    public void onProcessingTime(long time) throws Exception {
        timerPending = false;
        if (buffer.isEmpty()) {
            return;
        }
        if (time >= buffer.get(0).arrivalMillis + config.maxWaitMillis()) {
            flush();
        } else {
            scheduleFlush();
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<TextEvent> events = new ArrayList<>(buffer.size());
        for (Buffered b : buffer) {
            events.add(b.event);
        }
        bufferState.update(events);
        modelState.update(models.snapshot());
    }

    /**
     * The end-of-input watermark comes before the end of input: the buffered texts leave first, so
     * no event-time window downstream closes before them.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            flush();
        }
        super.processWatermark(mark);
    }

    @Override
    public void endInput(int inputId) {
        if (inputId == 1) {
            flush();
        }
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            if (models != null) {
                models.close();
            }
        } finally {
            super.close();
        }
    }

    /** How many records wait for the next flush; never more than the maximum batch size. */
    public int bufferedCount() {
        return buffer.size();
    }

    /** Reference (bundle name or directory) of the model serving now. */
    public String liveModel() {
        return models.liveRef;
    }

    private void scheduleFlush() {
        long due = buffer.get(0).arrivalMillis + config.maxWaitMillis();
        getProcessingTimeService().registerTimer(due, this);
        timerPending = true;
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<Buffered> batch = buffer;
        buffer = new ArrayList<>(config.maxBatchSize());
        long now = getProcessingTimeService().getCurrentProcessingTime();
        for (Buffered b : batch) {
            queueWaitMillis.update(now - b.arrivalMillis);
        }
        batchSizes.update(batch.size());
        List<TextEvent> scored = scoreIsolatingFailures(batch);
        if (models.shadow != null && !scored.isEmpty()) {
            scoreInShadow(scored);
        }
    }

    /** Scores with the live model and returns the events that were scored. */
    private List<TextEvent> scoreIsolatingFailures(List<Buffered> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (Buffered b : batch) {
            texts.add(b.event.getText());
        }
        long start = System.currentTimeMillis();
        List<Classification> results;
        try {
            results = models.live.classify(texts);
        } catch (InvalidTextException | InferenceException e) {
            if (batch.size() == 1) {
                if (e instanceof InferenceException) {
                    // The model refused this one text, or the model itself is broken: only a
                    // model that still answers makes the text poison.
                    modelHealth.requireHealthy(models.live, e);
                }
                reject(batch.get(0).event, e);
                return List.of();
            }
            int half = batch.size() / 2;
            List<TextEvent> scored =
                    new ArrayList<>(scoreIsolatingFailures(batch.subList(0, half)));
            scored.addAll(scoreIsolatingFailures(batch.subList(half, batch.size())));
            return scored;
        }
        long end = System.currentTimeMillis();
        inferenceMillis.update(end - start);
        ModelDescriptor model = models.live.descriptor();
        List<TextEvent> scored = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            TextEvent event = batch.get(i).event;
            output.collect(new StreamRecord<>(scored(event, results.get(i), model, start, end)));
            scored.add(event);
        }
        textsScored.inc(batch.size());
        return scored;
    }

    /** The candidate scores the same texts; whatever happens to it never touches a decision. */
    private void scoreInShadow(List<TextEvent> events) {
        List<String> texts = new ArrayList<>(events.size());
        for (TextEvent e : events) {
            texts.add(e.getText());
        }
        try {
            long start = System.currentTimeMillis();
            List<Classification> results = models.shadow.classify(texts);
            long end = System.currentTimeMillis();
            ModelDescriptor model = models.shadow.descriptor();
            for (int i = 0; i < events.size(); i++) {
                output.collect(
                        OutputTags.SHADOW_SCORES,
                        new StreamRecord<>(
                                scored(events.get(i), results.get(i), model, start, end)));
            }
        } catch (RuntimeException e) {
            shadowFailures.inc();
            LOG.debug("shadow model failed on a batch", e);
        }
    }

    private void reject(TextEvent event, RuntimeException error) {
        textsRejected.inc();
        output.collect(
                OutputTags.DEAD_LETTERS,
                new StreamRecord<>(DeadLetters.fromEvent(event, STAGE, error)));
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

    private record Buffered(TextEvent event, long arrivalMillis) {}
}
