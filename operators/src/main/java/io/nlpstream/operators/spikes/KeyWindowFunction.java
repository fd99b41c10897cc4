package io.nlpstream.operators.spikes;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Names the tally of a window with its key and bounds. */
public class KeyWindowFunction
        extends ProcessWindowFunction<KeyWindow, KeyWindow, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(
            String key, Context ctx, Iterable<KeyWindow> tallies, Collector<KeyWindow> out) {
        KeyWindow tally = tallies.iterator().next();
        KeyWindow named =
                new KeyWindow(
                        key,
                        ctx.window().getStart(),
                        ctx.window().getEnd(),
                        tally.count,
                        tally.negatives,
                        tally.examples);
        named.sentimentSum = tally.sentimentSum;
        out.collect(named);
    }
}
