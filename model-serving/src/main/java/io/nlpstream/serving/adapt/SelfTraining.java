package io.nlpstream.serving.adapt;

import io.nlpstream.serving.head.ChunkAggregator;
import io.nlpstream.serving.head.LinearHead;
import io.nlpstream.serving.train.HeadTrainer;
import io.nlpstream.serving.train.Metrics;
import io.nlpstream.serving.train.TemperatureScaling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Self-training of a classification head on unlabelled texts of a target domain: the current head
 * labels the most confident share of the texts for each class, a new head is trained on those texts
 * alone, and so on for a few rounds; the last head is calibrated without labels.
 */
public final class SelfTraining {
    private final Settings settings;

    public SelfTraining(Settings settings) {
        this.settings = settings;
    }

    /**
     * How to self-train.
     *
     * @param rounds labelling and retraining rounds, at least 1
     * @param share share of the texts labelled for each class in each round: those with the highest
     *     probability of that class (for two classes, the top and the bottom share)
     * @param l2 L2 penalty of the new head
     */
    public record Settings(int rounds, double share, double l2) {
        public Settings {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
            }
            if (!(share > 0 && share <= 0.5)) {
                throw new IllegalArgumentException("share must be in (0, 0.5], got " + share);
            }
            if (!(l2 > 0)) {
                throw new IllegalArgumentException("l2 must be > 0, got " + l2);
            }
        }
    }

    /**
     * One round.
     *
     * @param round 1-based
     * @param labelled texts labelled per class
     * @param agreement Spearman correlation of the new head's scores with the base head's
     */
    public record Round(int round, int[] labelled, double agreement) {}

    /**
     * The adapted head.
     *
     * @param head the last round's head
     * @param temperature its label-free temperature
     * @param rounds what each round did
     * @param baseProbabilities the base head's probabilities of every text
     * @param probabilities the adapted head's probabilities of every text
     */
    public record Result(
            LinearHead head,
            double temperature,
            List<Round> rounds,
            double[][] baseProbabilities,
            double[][] probabilities) {}

    /**
     * Adapts {@code base} to the texts.
     *
     * @param base the head to start from
     * @param baseTemperature its calibrated temperature
     * @param texts the window vectors of each unlabelled target text
     */
    public Result adapt(LinearHead base, double baseTemperature, float[][][] texts) {
        int classes = base.labels().size();
        if (Math.round(texts.length * settings.share()) < 1) {
            throw new IllegalArgumentException(
                    texts.length
                            + " texts are too few to label a share of "
                            + settings.share()
                            + " per class");
        }
        double[][] baseP = probabilities(base, baseTemperature, texts);
        double[][] current = baseP;
        LinearHead head = base;
        double temperature = baseTemperature;
        List<Round> rounds = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            int[] pseudo = pseudoLabels(current, settings.share());
            List<float[]> vectors = new ArrayList<>();
            List<Integer> truth = new ArrayList<>();
            int[] counts = new int[classes];
            for (int i = 0; i < texts.length; i++) {
                if (pseudo[i] >= 0) {
                    counts[pseudo[i]]++;
                    for (float[] window : texts[i]) {
                        vectors.add(window);
                        truth.add(pseudo[i]);
                    }
                }
            }
            head =
                    new HeadTrainer(settings.l2())
                            .train(
                                    vectors,
                                    truth.stream().mapToInt(Integer::intValue).toArray(),
                                    base.labels());
            temperature = matchTemperature(head, texts, baseP);
            current = probabilities(head, temperature, texts);
            rounds.add(new Round(round, counts, agreement(baseP, current)));
        }
        return new Result(head, temperature, rounds, baseP, current);
    }

    /**
     * For each class, the texts in the top {@code share} by that class's probability get that
     * class; a text claimed by several classes keeps the most probable one; the rest get -1.
     */
    static int[] pseudoLabels(double[][] probabilities, double share) {
        int n = probabilities.length;
        int classes = probabilities[0].length;
        int take = (int) Math.round(n * share);
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, -1);
        for (int c = 0; c < classes; c++) {
            int k = c;
            int[] top =
                    IntStream.range(0, n)
                            .boxed()
                            .sorted(
                                    Comparator.comparingDouble((Integer i) -> -probabilities[i][k])
                                            .thenComparingInt(i -> i))
                            .limit(take)
                            .mapToInt(Integer::intValue)
                            .toArray();
            for (int i : top) {
                if (labels[i] < 0 || probabilities[i][c] > probabilities[i][labels[i]]) {
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /**
     * The temperature at which the new head's probabilities on the target texts are closest (in
     * cross-entropy) to the base head's calibrated ones: no labels, and the adapted head is as
     * confident on the target domain as the base head was.
     */
    static double matchTemperature(LinearHead head, float[][][] texts, double[][] target) {
        return TemperatureScaling.fit(
                t -> {
                    double[][] p = probabilities(head, t, texts);
                    double loss = 0;
                    for (int i = 0; i < p.length; i++) {
                        for (int k = 0; k < p[i].length; k++) {
                            loss -= target[i][k] * Math.log(Math.max(p[i][k], 1e-15));
                        }
                    }
                    return loss / p.length;
                });
    }

    /** Mean over classes of the Spearman correlation of the two heads' class probabilities. */
    static double agreement(double[][] a, double[][] b) {
        int classes = a[0].length;
        // with two classes both columns carry the same ranking
        int counted = classes == 2 ? 1 : classes;
        double sum = 0;
        for (int c = classes == 2 ? 1 : 0; c < classes; c++) {
            double[] x = new double[a.length];
            double[] y = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                x[i] = a[i][c];
                y[i] = b[i][c];
            }
            sum += Metrics.spearman(x, y);
        }
        return sum / counted;
    }

    static double[][] probabilities(LinearHead head, double temperature, float[][][] texts) {
        double[][] out = new double[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            out[i] = ChunkAggregator.textProbabilities(head, texts[i], temperature);
        }
        return out;
    }
}
