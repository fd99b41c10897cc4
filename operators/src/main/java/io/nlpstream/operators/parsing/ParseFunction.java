package io.nlpstream.operators.parsing;

import io.nlpstream.operators.DeadLetters;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.TextEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Parses raw input records into TextEvents; what cannot be parsed leaves as a dead letter. */
public class ParseFunction extends ProcessFunction<RawRecord, TextEvent> {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = "PARSE";

    private final int maxTextBytes;
    private transient TextEventDecoder decoder;
    private transient Counter parsed;
    private transient Counter rejected;

    public ParseFunction(int maxTextBytes) {
        this.maxTextBytes = maxTextBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new TextEventDecoder(maxTextBytes);
        parsed = getRuntimeContext().getMetricGroup().counter("recordsParsed");
        rejected = getRuntimeContext().getMetricGroup().counter("recordsRejected");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<TextEvent> out) {
        TextEvent event;
        try {
            event = decoder.decode(record);
        } catch (MalformedInputException | RuntimeException e) {
            // A decoder bug must not stop the job either: the record leaves with the error.
            rejected.inc();
            ctx.output(OutputTags.DEAD_LETTERS, DeadLetters.fromRaw(record, STAGE, e));
            return;
        }
        out.collect(event);
        parsed.inc();
    }
}
