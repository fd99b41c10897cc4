package io.nlpstream.operators.spikes;

import java.util.Arrays;

/**
 * One key's closed event-time window: how many texts, how many of them negative, and up to three
 * example texts (negative ones first). A Flink POJO.
 */
public class KeyWindow {
    public String key;
    public long windowStart;
    public long windowEnd;
    public long count;
    public long negatives;

    /** The sum of the texts' sentiment scores; the mean is this over the count. */
    public double sentimentSum;

    public String[] examples = new String[0];

    /** While counting: the first non-negative texts, which fill the examples up after. */
    public String[] otherExamples = new String[0];

    public KeyWindow() {}

    public KeyWindow(
            String key,
            long windowStart,
            long windowEnd,
            long count,
            long negatives,
            String[] examples) {
        this.key = key;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.count = count;
        this.negatives = negatives;
        this.examples = examples;
    }

    public String getKey() {
        return key;
    }

    @Override
    public String toString() {
        return key
                + " ["
                + windowStart
                + ", "
                + windowEnd
                + ") "
                + negatives
                + "/"
                + count
                + " "
                + Arrays.toString(examples);
    }
}
