package io.nlpstream.drift.metrics;

/** Share of predictions that were right. */
public final class Accuracy {

    private Accuracy() {}

    /** The share of {@code true} values, or {@code NaN} for no values. */
    public static double of(boolean[] correct) {
        if (correct.length == 0) {
            return Double.NaN;
        }
        int right = 0;
        for (boolean c : correct) {
            if (c) {
                right++;
            }
        }
        return (double) right / correct.length;
    }
}
