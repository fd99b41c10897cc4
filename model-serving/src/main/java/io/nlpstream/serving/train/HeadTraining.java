package io.nlpstream.serving.train;

import io.nlpstream.serving.head.ChunkAggregator;
import io.nlpstream.serving.head.LinearHead;
import io.nlpstream.serving.head.Softmax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Trains, calibrates and evaluates a head on an embedded corpus: a stratified train / calibration /
 * test split, plus leave-one-source-out cross-domain AUC when the corpus has several sources.
 */
public final class HeadTraining {
    private final TrainConfig config;

    public HeadTraining(TrainConfig config) {
        this.config = config;
    }

    /** The trained head, its temperature and the measured metrics. */
    public record Result(LinearHead head, double temperature, Map<String, Double> metrics) {}

    public Result run(EmbeddedCorpus corpus) {
        StratifiedSplit split =
                StratifiedSplit.of(
                        corpus.truth(),
                        config.calibrationFraction(),
                        config.testFraction(),
                        config.seed());
        Fitted fitted = fit(corpus, split.train(), split.calibration());
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
        if (config.crossDomain()) {
            metrics.putAll(crossDomain(corpus));
        }
        return new Result(fitted.head, fitted.temperature, metrics);
    }

    /** Leave-one-source-out AUC: train and calibrate on the other sources, test on all of one. */
    Map<String, Double> crossDomain(EmbeddedCorpus corpus) {
        List<String> sources =
                new ArrayList<>(
                        new TreeSet<>(corpus.texts().stream().map(t -> t.source()).toList()));
        Map<String, Double> out = new LinkedHashMap<>();
        if (sources.size() < 2) {
            return out;
        }
        double sum = 0;
        for (String held : sources) {
            int[] rest = rows(corpus, held, false);
            int[] test = rows(corpus, held, true);
            int[] restTruth = pick(corpus.truth(), rest);
            StratifiedSplit inner =
                    StratifiedSplit.of(restTruth, config.calibrationFraction(), 0.0, config.seed());
            Fitted fitted = fit(corpus, pick(rest, inner.train()), pick(rest, inner.calibration()));
            double auc =
                    Metrics.auc(
                            pick(corpus.truth(), test),
                            probabilities(corpus, test, fitted.head, fitted.temperature));
            out.put("cross_domain.auc." + held, auc);
            sum += auc;
        }
        out.put("cross_domain.auc.mean", sum / sources.size());
        return out;
    }

    private record Fitted(LinearHead head, double temperature) {}

    private Fitted fit(EmbeddedCorpus corpus, int[] trainRows, int[] calibrationRows) {
        List<float[]> vectors = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (int row : trainRows) {
            for (float[] window : corpus.windows()[row]) {
                vectors.add(window);
                truth.add(corpus.truth()[row]);
            }
        }
        LinearHead head =
                new HeadTrainer(config.epochs(), config.learningRate(), config.seed())
                        .train(
                                vectors,
                                truth.stream().mapToInt(Integer::intValue).toArray(),
                                corpus.labels());
        int[] calibrationTruth = pick(corpus.truth(), calibrationRows);
        double temperature =
                TemperatureScaling.fit(
                        t ->
                                Metrics.logLoss(
                                        calibrationTruth,
                                        probabilities(corpus, calibrationRows, head, t)));
        return new Fitted(head, temperature);
    }

    /** Probabilities exactly as the classifier computes them: per window, then aggregated. */
    static double[][] probabilities(
            EmbeddedCorpus corpus, int[] rows, LinearHead head, double temperature) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float[][] windows = corpus.windows()[rows[i]];
            if (windows.length == 1) {
                out[i] = Softmax.probabilities(head.logits(windows[0]), temperature);
            } else {
                List<double[]> logP = new ArrayList<>();
                for (float[] w : windows) {
                    logP.add(Softmax.logProbabilities(head.logits(w), temperature));
                }
                out[i] = ChunkAggregator.aggregate(logP);
            }
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
