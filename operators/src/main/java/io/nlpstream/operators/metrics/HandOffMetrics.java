package io.nlpstream.operators.metrics;

import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import java.io.Serializable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The last operator before an output's sink: passes every record on unchanged and measures its
 * end-to-end latency ({@link EndToEndLatency}); on the dead-letter output it also counts the dead
 * letters by stage and reason ({@link DeadLetterReasons}).
 */
public class HandOffMetrics<T> extends RichMapFunction<T, T> {
    private static final long serialVersionUID = 1L;

    /** The output labels of the latency histogram. */
    public static final String PREDICTION = "prediction";

    public static final String REVIEW = "review";
    public static final String DEAD_LETTER = "dead_letter";

    /** The Kafka timestamp of the input record behind an output record; 0 when unknown. */
    @FunctionalInterface
    public interface IngestTime<T> extends Serializable {
        long of(T record);
    }

    private final String output;
    private final IngestTime<T> ingestTime;
    private transient EndToEndLatency latency;

    public HandOffMetrics(String output, IngestTime<T> ingestTime) {
        this.output = output;
        this.ingestTime = ingestTime;
    }

    /** The predictions, measured on their way to their sink. */
    public static SingleOutputStreamOperator<Prediction> predictions(DataStream<Prediction> in) {
        return attach(
                in,
                new HandOffMetrics<>(
                        PREDICTION,
                        p -> p.getTimings() == null ? 0 : p.getTimings().getIngestTime()),
                "predictions");
    }

    /** The review tasks, measured on their way to their sink. */
    public static SingleOutputStreamOperator<ReviewTask> review(DataStream<ReviewTask> in) {
        return attach(
                in,
                new HandOffMetrics<>(
                        REVIEW, r -> r.getTimings() == null ? 0 : r.getTimings().getIngestTime()),
                "review");
    }

    /** The dead letters, measured and counted by stage and reason on their way to their sink. */
    public static SingleOutputStreamOperator<DeadLetter> deadLetters(DataStream<DeadLetter> in) {
        return attach(in, new DeadLetterHandOff(), "dead letters");
    }

    private static <T> SingleOutputStreamOperator<T> attach(
            DataStream<T> in, HandOffMetrics<T> handOff, String name) {
        return in.map(handOff, in.getType())
                .name("hand-off: " + name)
                .uid("hand-off-" + name.replace(' ', '-'));
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        register(getRuntimeContext().getMetricGroup());
    }

    /** Creates the metrics on an operator's metric group (tests pass their own group). */
    void register(MetricGroup operatorMetrics) {
        latency = EndToEndLatency.register(operatorMetrics, output);
    }

    @Override
    public T map(T record) throws Exception {
        latency.record(ingestTime.of(record), System.currentTimeMillis());
        return record;
    }

    /** The hand-off of dead letters, which also counts them by stage and reason. */
    static final class DeadLetterHandOff extends HandOffMetrics<DeadLetter> {
        private static final long serialVersionUID = 1L;

        private transient DeadLetterReasons reasons;

        DeadLetterHandOff() {
            super(DEAD_LETTER, DeadLetter::getIngestTime);
        }

        @Override
        void register(MetricGroup operatorMetrics) {
            super.register(operatorMetrics);
            reasons = new DeadLetterReasons(operatorMetrics);
        }

        @Override
        public DeadLetter map(DeadLetter deadLetter) throws Exception {
            reasons.count(deadLetter);
            return super.map(deadLetter);
        }
    }
}
