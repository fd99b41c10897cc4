package io.nlpstream.operators.batching;

import io.nlpstream.operators.DeadLetters;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.Classification;
import io.nlpstream.serving.InferenceException;
import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.ModelDescriptor;
import io.nlpstream.serving.TextClassifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;

/**
 * Collects TextEvents into micro-batches and scores each batch with one model call.
 *
 * <p>The buffer holds at most {@code maxBatchSize} records: a full buffer is scored at once on the
 * task thread, so a slow model back-pressures the source instead of growing a queue. Buffered
 * records are part of every checkpoint and are scored after a restore. A batch the model refuses is
 * split in halves until the offending record is isolated; that record alone becomes a dead letter.
 */
public class MicroBatchInferenceOperator extends AbstractStreamOperator<ScoredEvent>
        implements OneInputStreamOperator<TextEvent, ScoredEvent>,
                BoundedOneInput,
                ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = "INFERENCE";

    private final BatchingConfig config;
    private final ClassifierProvider classifierProvider;

    private transient List<Buffered> buffer;
    private transient ListState<TextEvent> bufferState;
    private transient TextClassifier classifier;
    private transient boolean timerPending;

    private transient Histogram batchSizes;
    private transient Histogram queueWaitMillis;
    private transient Histogram inferenceMillis;
    private transient Counter textsScored;
    private transient Counter textsRejected;

    public MicroBatchInferenceOperator(BatchingConfig config, ClassifierProvider classifierProvider) {
        this.config = config;
        this.classifierProvider = classifierProvider;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        buffer = new ArrayList<>(config.maxBatchSize());
        bufferState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "buffered-events", TypeInformation.of(TextEvent.class)));
        if (context.isRestored()) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            for (TextEvent event : bufferState.get()) {
                buffer.add(new Buffered(event, now));
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        var metrics = getMetricGroup();
        batchSizes = metrics.histogram("batchSize", new DescriptiveStatisticsHistogram(1024));
        queueWaitMillis = metrics.histogram("queueWaitMs", new DescriptiveStatisticsHistogram(1024));
        inferenceMillis = metrics.histogram("inferenceMs", new DescriptiveStatisticsHistogram(1024));
        textsScored = metrics.counter("textsScored");
        textsRejected = metrics.counter("textsRejected");
        metrics.meter("textsPerSecond", new MeterView(textsScored));
        metrics.gauge("bufferedRecords", () -> buffer.size());
        classifier = classifierProvider.acquire();
        // Records restored from a checkpoint are scored as soon as their wait is over.
        if (!buffer.isEmpty()) {
            scheduleFlush();
        }
    }

    @Override
    public void processElement(StreamRecord<TextEvent> element) throws Exception {
        buffer.add(new Buffered(element.getValue(), getProcessingTimeService().getCurrentProcessingTime()));
        if (buffer.size() >= config.maxBatchSize()) {
            flush();
        } else if (!timerPending) {
            scheduleFlush();
        }
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
    }

    @Override
    public void endInput() {
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            if (classifier != null) {
                classifierProvider.release(classifier);
                classifier = null;
            }
        } finally {
            super.close();
        }
    }

    /** How many records wait for the next flush; never more than the maximum batch size. */
    public int bufferedCount() {
        return buffer.size();
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
        scoreIsolatingFailures(batch);
    }

    private void scoreIsolatingFailures(List<Buffered> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (Buffered b : batch) {
            texts.add(b.event.getText());
        }
        long start = System.currentTimeMillis();
        List<Classification> results;
        try {
            results = classifier.classify(texts);
        } catch (InvalidTextException | InferenceException e) {
            if (batch.size() == 1) {
                reject(batch.get(0).event, e);
                return;
            }
            int half = batch.size() / 2;
            scoreIsolatingFailures(batch.subList(0, half));
            scoreIsolatingFailures(batch.subList(half, batch.size()));
            return;
        }
        long end = System.currentTimeMillis();
        inferenceMillis.update(end - start);
        ModelDescriptor model = classifier.descriptor();
        for (int i = 0; i < batch.size(); i++) {
            output.collect(new StreamRecord<>(scored(batch.get(i).event, results.get(i), model, start, end)));
        }
        textsScored.inc(batch.size());
    }

    private void reject(TextEvent event, RuntimeException error) {
        textsRejected.inc();
        output.collect(OutputTags.DEAD_LETTERS, new StreamRecord<>(DeadLetters.fromEvent(event, STAGE, error)));
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
