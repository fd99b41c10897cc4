package io.nlpstream.operators.entities;

import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns each scored text into one {@link KeyedText} per key it is about (scored once, counted for
 * each); a text about nothing recognisable is counted and left out (its decision is made
 * elsewhere).
 */
public class KeyedTexts extends ProcessFunction<ScoredEvent, KeyedText> {
    private static final long serialVersionUID = 1L;

    private final TextKeys keys;
    private final String negativeLabel;
    private transient Counter unkeyed;

    /**
     * @param negativeLabel the model's label that counts as negative opinion
     */
    public KeyedTexts(TextKeys keys, String negativeLabel) {
        this.keys = keys;
        this.negativeLabel = negativeLabel;
    }

    @Override
    public void open(OpenContext openContext) {
        unkeyed = getRuntimeContext().getMetricGroup().counter("textsWithoutKey");
    }

    @Override
    public void processElement(ScoredEvent scored, Context ctx, Collector<KeyedText> out) {
        TextEvent event = scored.getEvent();
        var found = keys.keys(event);
        if (found.isEmpty()) {
            unkeyed.inc();
            return;
        }
        boolean negative = negativeLabel.equals(scored.getLabel());
        // in [-1, 1]: certainly positive 1, certainly negative -1
        double sentiment = 1 - 2 * scored.getScores().getOrDefault(negativeLabel, 0.0);
        String text = event.getText();
        for (String key : found) {
            out.collect(new KeyedText(key, event.getEventTime(), negative, sentiment, text));
        }
    }
}
