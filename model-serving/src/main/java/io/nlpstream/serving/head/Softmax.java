package io.nlpstream.serving.head;

/** Temperature-scaled softmax and its log, computed stably. */
public final class Softmax {
    private Softmax() {}

    /** {@code log softmax(logits / temperature)}. */
    public static double[] logProbabilities(double[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l / temperature);
        }
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l / temperature - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            out[k] = logits[k] / temperature - log;
        }
        return out;
    }

    /** {@code softmax(logits / temperature)}. */
    public static double[] probabilities(double[] logits, double temperature) {
        double[] p = logProbabilities(logits, temperature);
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(p[k]);
        }
        return p;
    }
}
