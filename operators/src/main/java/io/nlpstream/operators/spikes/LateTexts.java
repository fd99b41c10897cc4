package io.nlpstream.operators.spikes;

import io.nlpstream.operators.entities.KeyedText;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts the keyed texts that came after their windows had closed (later than the allowed
 * lateness), as counter {@code lateTexts}: one per key a text was counted for. The text itself was
 * decided like any other; only the window tallies miss it.
 */
public class LateTexts extends ProcessFunction<KeyedText, Void> {
    private static final long serialVersionUID = 1L;

    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter("lateTexts");
    }

    @Override
    public void processElement(KeyedText text, Context ctx, Collector<Void> out) {
        late.inc();
    }
}
