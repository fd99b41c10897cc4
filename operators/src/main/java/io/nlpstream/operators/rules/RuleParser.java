package io.nlpstream.operators.rules;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.Rule;
import java.nio.ByteBuffer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Reads rules-topic bytes into {@link Rule}s; unreadable bytes go to the dead letters. */
public class RuleParser extends ProcessFunction<byte[], Rule> {
    private static final long serialVersionUID = 1L;

    private transient Counter unreadable;

    @Override
    public void open(OpenContext openContext) {
        unreadable = getRuntimeContext().getMetricGroup().counter("unreadableRules");
    }

    @Override
    public void processElement(byte[] bytes, Context ctx, Collector<Rule> out) {
        try {
            out.collect(RuleDecoder.decode(bytes));
        } catch (RuleDecodingException e) {
            unreadable.inc();
            Long timestamp = ctx.timestamp();
            ctx.output(
                    OutputTags.DEAD_LETTERS,
                    DecisionRecords.ruleUpdateDeadLetter(
                            null,
                            ByteBuffer.wrap(bytes == null ? new byte[0] : bytes),
                            e.getMessage(),
                            e.getClass().getName(),
                            timestamp == null ? 0L : timestamp,
                            ctx.timerService().currentProcessingTime()));
        }
    }
}
