package io.nlpstream.serving.head;

import java.util.ArrayList;
import java.util.List;

/**
 * Combines the calibrated log-probabilities of a text's windows by their mean, renormalised (a
 * geometric mean of the window distributions): one confident window cannot outvote the rest.
 */
public final class ChunkAggregator {
    private ChunkAggregator() {}

    /** The aggregated probability distribution of one text. */
    public static double[] aggregate(List<double[]> windowLogProbabilities) {
        if (windowLogProbabilities.isEmpty()) {
            throw new IllegalArgumentException("no windows to aggregate");
        }
        int labels = windowLogProbabilities.get(0).length;
        double[] mean = new double[labels];
        for (double[] logP : windowLogProbabilities) {
            for (int k = 0; k < labels; k++) {
                mean[k] += logP[k] / windowLogProbabilities.size();
            }
        }
        return Softmax.probabilities(mean, 1.0);
    }

    /**
     * The calibrated probabilities of one text from its windows' pooled vectors: softmax of the
     * head's logits over the temperature, aggregated over the windows.
     */
    public static double[] textProbabilities(
            LinearHead head, float[][] windows, double temperature) {
        if (windows.length == 1) {
            return Softmax.probabilities(head.logits(windows[0]), temperature);
        }
        List<double[]> logProbabilities = new ArrayList<>(windows.length);
        for (float[] window : windows) {
            logProbabilities.add(Softmax.logProbabilities(head.logits(window), temperature));
        }
        return aggregate(logProbabilities);
    }
}
