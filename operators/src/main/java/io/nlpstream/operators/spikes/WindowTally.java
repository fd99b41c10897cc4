package io.nlpstream.operators.spikes;

import io.nlpstream.operators.entities.KeyedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Counts a window's texts and negative texts incrementally and keeps up to three examples, negative
 * ones first: the texts that explain a rise in negative opinion. State per window is bounded.
 */
public class WindowTally implements AggregateFunction<KeyedText, KeyWindow, KeyWindow> {
    private static final long serialVersionUID = 1L;
    private static final int MAX = SeriesObservation.MAX_EXAMPLES;

    @Override
    public KeyWindow createAccumulator() {
        return new KeyWindow();
    }

    @Override
    public KeyWindow add(KeyedText text, KeyWindow tally) {
        tally.count++;
        tally.sentimentSum += text.sentiment;
        if (text.negative) {
            tally.negatives++;
            tally.examples = append(tally.examples, text.text);
        } else {
            tally.otherExamples = append(tally.otherExamples, text.text);
        }
        return tally;
    }

    private static String[] append(String[] examples, String text) {
        if (examples.length >= MAX) {
            return examples;
        }
        String[] longer = Arrays.copyOf(examples, examples.length + 1);
        longer[examples.length] = text;
        return longer;
    }

    /** The negative examples, then others up to three. */
    @Override
    public KeyWindow getResult(KeyWindow tally) {
        List<String> examples = new ArrayList<>(Arrays.asList(tally.examples));
        for (String other : tally.otherExamples) {
            if (examples.size() < MAX) {
                examples.add(other);
            }
        }
        KeyWindow result =
                new KeyWindow(
                        null, 0, 0, tally.count, tally.negatives, examples.toArray(String[]::new));
        result.sentimentSum = tally.sentimentSum;
        return result;
    }

    @Override
    public KeyWindow merge(KeyWindow a, KeyWindow b) {
        KeyWindow merged = new KeyWindow();
        merged.count = a.count + b.count;
        merged.negatives = a.negatives + b.negatives;
        merged.sentimentSum = a.sentimentSum + b.sentimentSum;
        merged.examples = a.examples;
        for (String text : b.examples) {
            merged.examples = append(merged.examples, text);
        }
        merged.otherExamples = a.otherExamples;
        for (String text : b.otherExamples) {
            merged.otherExamples = append(merged.otherExamples, text);
        }
        return merged;
    }
}
