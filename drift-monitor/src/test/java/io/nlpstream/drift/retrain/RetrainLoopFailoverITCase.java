package io.nlpstream.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test E on a MiniCluster with a restart strategy: the job is killed (an injected failure)
 * while a real training runs, and again while the candidate waits for its verdict, each time after
 * a checkpoint that holds that step. After the restores the loop rejects the candidate with a
 * reason and trains the next one under a new version.
 */
class RetrainLoopFailoverITCase {
    private static final String MODEL = "sentiment-minilm";
    private static final OutputTag<ModelUpdate> CONTROL =
            new OutputTag<>("control", TypeInformation.of(ModelUpdate.class));

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    // The job runs in this JVM: the functions below read and set these to steer the faults.
    private static List<LabelledText> texts;
    private static final Queue<ModelUpdate> OUT = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static volatile long requestCheckpoint = -1;
    private static volatile boolean requestCheckpointed;
    private static volatile long shadowCheckpoint = -1;
    private static volatile boolean shadowCheckpointed;
    private static volatile boolean requestSent;
    private static volatile boolean secondRequestSent;

    @TempDir Path bundles;

    @BeforeAll
    static void loadTexts() {
        texts = Datasets.fromDefaultCache().uciSentiment("yelp").subList(0, 160);
    }

    @Test
    void killedDuringTrainingAndDuringTheShadowRunTheLoopEndsInAVerdictAndGoesOn()
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(200);
        RetrainConfig config =
                new RetrainConfig(
                        MODEL, bundles.toString(), 200, 100, "", 0, Map.of(), 0, 1, 60_000);

        SingleOutputStreamOperator<LabelledScore> labelled =
                env.fromSequence(0, Long.MAX_VALUE).process(new Driver()).name("driver");
        labelled.connect(labelled.getSideOutput(CONTROL))
                .keyBy(LabelledScore::modelIdKey, ModelUpdate::getModelId)
                .process(new RetrainFunction(config), TypeInformation.of(ModelUpdate.class))
                .name("retrainer")
                .map(new Recorder())
                .sinkTo(new DiscardingSink<>());

        long start = System.currentTimeMillis();
        JobClient job = env.executeAsync("retrain-loop-failover");
        try {
            awaitOutput(u -> u.getCommand().equals("SHADOW_START") && u.getVersion().equals("4"));
        } finally {
            job.cancel().get();
        }
        System.out.printf(
                "RetrainLoopFailoverITCase: %d failures injected, %d commands, %.1f s%n",
                FAILURES.get(), OUT.size(), (System.currentTimeMillis() - start) / 1e3);

        assertThat(FAILURES).hasValue(2);
        List<ModelUpdate> out = List.copyOf(OUT);
        assertThat(out)
                .extracting(ModelUpdate::getCommand, ModelUpdate::getVersion)
                .as("the interrupted training's version 2 is never used")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SHADOW_START", "3"),
                        org.assertj.core.groups.Tuple.tuple("REJECT", "3"),
                        org.assertj.core.groups.Tuple.tuple("SHADOW_START", "4"));
        assertThat(out.get(1).getReason()).isEqualTo("no verdict on candidate 3 in time");
    }

    private static void awaitOutput(Predicate<ModelUpdate> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (OUT.stream().noneMatch(done) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    /** Turns a slow sequence into labelled records, retrain requests and the injected faults. */
    private static final class Driver extends ProcessFunction<Long, LabelledScore>
            implements CheckpointedFunction, CheckpointListener {
        @Override
        public void processElement(Long i, Context ctx, Collector<LabelledScore> out)
                throws Exception {
            Thread.sleep(5);
            if (i < texts.size()) {
                out.collect(labelled(texts.get(i.intValue())));
            } else if (i == texts.size()) {
                ctx.output(CONTROL, request());
                requestSent = true;
            } else if (requestCheckpointed && FAILURES.get() == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure while the training runs");
            } else if (shadowCheckpointed && FAILURES.get() == 1) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure during the shadow run");
            } else if (!secondRequestSent
                    && OUT.stream().anyMatch(u -> u.getCommand().equals("REJECT"))) {
                secondRequestSent = true;
                ctx.output(CONTROL, request());
            }
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            if (requestSent && requestCheckpoint < 0) {
                requestCheckpoint = context.getCheckpointId();
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (requestCheckpoint >= 0 && checkpointId >= requestCheckpoint) {
                requestCheckpointed = true;
            }
        }
    }

    /** Keeps what the retrainer sent; knows when a checkpoint holds the candidate step. */
    private static final class Recorder
            implements MapFunction<ModelUpdate, ModelUpdate>,
                    CheckpointedFunction,
                    CheckpointListener {
        @Override
        public ModelUpdate map(ModelUpdate u) {
            OUT.add(u);
            return u;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            boolean shadow = OUT.stream().anyMatch(u -> u.getCommand().equals("SHADOW_START"));
            if (shadow && shadowCheckpoint < 0) {
                shadowCheckpoint = context.getCheckpointId();
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (shadowCheckpoint >= 0 && checkpointId >= shadowCheckpoint) {
                shadowCheckpointed = true;
            }
        }
    }

    private static LabelledScore labelled(LabelledText t) {
        LabelledScore s = new LabelledScore();
        s.id = t.id();
        s.modelId = MODEL;
        s.modelVersion = "1";
        s.predictedLabel = "positive";
        s.trueLabel = t.label();
        s.text = t.text();
        s.confidence = 0.6;
        s.scores = new HashMap<>(Map.of("positive", 0.6, "negative", 0.4));
        return s;
    }

    private static ModelUpdate request() {
        return ModelUpdate.newBuilder()
                .setCommand("RETRAIN_REQUESTED")
                .setModelId(MODEL)
                .setVersion("1")
                .setReason("AUC dropped")
                .setTime(System.currentTimeMillis())
                .build();
    }
}
