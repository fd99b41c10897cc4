package io.nlpstream.serving.train;

import io.nlpstream.serving.head.ChunkAggregator;
import io.nlpstream.serving.head.LinearHead;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Trains, calibrates and evaluates a head on an embedded corpus: a stratified train / calibration /
 * test split, plus leave-one-source-out cross-domain AUC when the corpus has several sources, which
 * also chooses the head's L2 penalty (transfer, not in-domain fit, decides).
 */
public final class HeadTraining {
    private final TrainConfig config;

    public HeadTraining(TrainConfig config) {
        this.config = config;
    }

    /**
     * The trained head, its temperature and the measured metrics.
     *
     * @param l2 penalty of the head
     * @param l2Grid mean leave-one-source-out AUC of every candidate penalty (empty when the
     *     penalty was not chosen by it)
     */
    public record Result(
            LinearHead head,
            double temperature,
            double l2,
            Map<Double, Double> l2Grid,
            Map<String, Double> metrics) {}

    public Result run(EmbeddedCorpus corpus) {
        StratifiedSplit split =
                StratifiedSplit.of(
                        corpus.truth(),
                        config.calibrationFraction(),
                        config.testFraction(),
                        config.seed());
        double l2 = config.l2();
        Map<Double, Double> grid = new LinkedHashMap<>();
        Map<String, Double> crossDomain = new LinkedHashMap<>();
        if (config.crossDomain() && sources(corpus).size() > 1) {
            List<Double> candidates =
                    config.l2Grid().isEmpty() ? List.of(config.l2()) : config.l2Grid();
            Map<Double, Map<String, Double>> byPenalty = crossDomain(corpus, candidates);
            double best = Double.NEGATIVE_INFINITY;
            for (double candidate : candidates) {
                double mean = byPenalty.get(candidate).get("cross_domain.auc.mean");
                grid.put(candidate, mean);
                // ties go to the stronger penalty
                if (mean > best || (mean == best && candidate > l2)) {
                    best = mean;
                    l2 = candidate;
                }
            }
            crossDomain = byPenalty.get(l2);
        }
        Fitted fitted = fit(corpus, split.train(), split.calibration(), l2, null);
        Map<String, Double> metrics = new LinkedHashMap<>();
        double[][] raw = probabilities(corpus, split.test(), fitted.head, 1.0);
        double[][] calibrated =
                probabilities(corpus, split.test(), fitted.head, fitted.temperature);
        int[] truth = pick(corpus.truth(), split.test());
        metrics.put("heldout.examples", (double) split.test().length);
        metrics.put("heldout.accuracy", Metrics.accuracy(truth, calibrated));
        metrics.put("heldout.auc", Metrics.auc(truth, calibrated));
        metrics.put("heldout.ece", Metrics.ece(truth, calibrated, 15));
        metrics.put("heldout.ece_uncalibrated", Metrics.ece(truth, raw, 15));
        metrics.put("heldout.log_loss", Metrics.logLoss(truth, calibrated));
        if (corpus.labels().size() > 2) {
            for (int c = 0; c < corpus.labels().size(); c++) {
                metrics.put(
                        "heldout.auc." + corpus.labels().get(c),
                        Metrics.classAuc(truth, calibrated, c));
            }
        }
        metrics.putAll(crossDomain);
        return new Result(fitted.head, fitted.temperature, l2, grid, metrics);
    }

    /**
     * Leave-one-source-out AUC for each penalty: train and calibrate on the other sources, test on
     * all of one.
     */
    Map<Double, Map<String, Double>> crossDomain(EmbeddedCorpus corpus, List<Double> penalties) {
        List<String> sources = sources(corpus);
        Map<Double, Map<String, Double>> out = new LinkedHashMap<>();
        for (double l2 : penalties) {
            out.put(l2, new LinkedHashMap<>());
        }
        // strongest penalty first: each fit starts from the previous one's optimum
        List<Double> order = new ArrayList<>(penalties);
        order.sort(Comparator.reverseOrder());
        for (String held : sources) {
            int[] rest = rows(corpus, held, false);
            int[] test = rows(corpus, held, true);
            int[] restTruth = pick(corpus.truth(), rest);
            StratifiedSplit inner =
                    StratifiedSplit.of(restTruth, config.calibrationFraction(), 0.0, config.seed());
            LinearHead previous = null;
            for (double l2 : order) {
                Fitted fitted =
                        fit(
                                corpus,
                                pick(rest, inner.train()),
                                pick(rest, inner.calibration()),
                                l2,
                                previous);
                previous = fitted.head;
                out.get(l2)
                        .put(
                                "cross_domain.auc." + held,
                                Metrics.auc(
                                        pick(corpus.truth(), test),
                                        probabilities(
                                                corpus, test, fitted.head, fitted.temperature)));
            }
        }
        for (Map<String, Double> perSource : out.values()) {
            perSource.put(
                    "cross_domain.auc.mean",
                    perSource.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElseThrow());
        }
        return out;
    }

    private record Fitted(LinearHead head, double temperature) {}

    private Fitted fit(
            EmbeddedCorpus corpus,
            int[] trainRows,
            int[] calibrationRows,
            double l2,
            LinearHead start) {
        List<float[]> vectors = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int row : trainRows) {
            for (float[] window : corpus.windows()[row]) {
                vectors.add(window);
                truth.add(corpus.truth()[row]);
            }
        }
        LinearHead head =
                new HeadTrainer(l2)
                        .train(
                                vectors,
                                truth.stream().mapToInt(Integer::intValue).toArray(),
                                corpus.labels(),
                                start);
        int[] calibrationTruth = pick(corpus.truth(), calibrationRows);
        double temperature =
                TemperatureScaling.fit(
                        t ->
                                Metrics.logLoss(
                                        calibrationTruth,
                                        probabilities(corpus, calibrationRows, head, t)));
        return new Fitted(head, temperature);
    }

    private static List<String> sources(EmbeddedCorpus corpus) {
        return new ArrayList<>(
                new TreeSet<>(corpus.texts().stream().map(t -> t.source()).toList()));
    }

    /** Probabilities exactly as the classifier computes them: per window, then aggregated. */
    static double[][] probabilities(
            EmbeddedCorpus corpus, int[] rows, LinearHead head, double temperature) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] =
                    ChunkAggregator.textProbabilities(head, corpus.windows()[rows[i]], temperature);
        }
        return out;
    }

    private static int[] rows(EmbeddedCorpus corpus, String source, boolean equal) {
        return IntStream.range(0, corpus.size())
                .filter(i -> corpus.texts().get(i).source().equals(source) == equal)
                .toArray();
    }

    private static int[] pick(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
