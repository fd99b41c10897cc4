package io.nlpstream.serving.train;

import io.nlpstream.serving.head.LinearHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a multinomial logistic-regression head with Tribuo ({@code LinearSGDTrainer}, log loss,
 * AdaGrad) on standardised vectors and exports it as a {@link LinearHead}.
 */
public final class HeadTrainer {
    private final int epochs;
    private final double learningRate;
    private final long seed;

    public HeadTrainer(int epochs, double learningRate, long seed) {
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /**
     * Fits the head.
     *
     * @param vectors pooled vectors
     * @param truth index into {@code labels} of each vector
     * @param labels label names, defining the head's row order
     */
    public LinearHead train(List<float[]> vectors, int[] truth, List<String> labels) {
        int dim = vectors.get(0).length;
        double[] mean = new double[dim];
        double[] scale = new double[dim];
        for (float[] v : vectors) {
            for (int d = 0; d < dim; d++) {
                mean[d] += v[d] / (double) vectors.size();
            }
        }
        for (float[] v : vectors) {
            for (int d = 0; d < dim; d++) {
                scale[d] += Math.pow(v[d] - mean[d], 2) / vectors.size();
            }
        }
        for (int d = 0; d < dim; d++) {
            scale[d] = Math.max(Math.sqrt(scale[d]), 1e-6);
        }
        String[] names = new String[dim];
        for (int d = 0; d < dim; d++) {
            names[d] = String.format(Locale.ROOT, "f%04d", d);
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset =
                new MutableDataset<>(
                        new SimpleDataSourceProvenance("pooled embeddings", factory), factory);
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            double[] z = new double[dim];
            for (int d = 0; d < dim; d++) {
                z[d] = (v[d] - mean[d]) / scale[d];
            }
            dataset.add(new ArrayExample<>(new Label(labels.get(truth[i])), names, z));
        }
        LinearSGDTrainer trainer =
                new LinearSGDTrainer(
                        new LogMulticlass(),
                        new AdaGrad(learningRate, 0.1),
                        epochs,
                        Integer.MAX_VALUE,
                        1,
                        seed);
        LinearSGDModel model = trainer.train(dataset);
        return export(model, labels, names, mean, scale);
    }

    private static LinearHead export(
            LinearSGDModel model,
            List<String> labels,
            String[] names,
            double[] mean,
            double[] scale) {
        DenseMatrix w = model.getWeightsCopy();
        int featureCount = model.getFeatureIDMap().size();
        double[][] weights = new double[labels.size()][names.length];
        double[] bias = new double[labels.size()];
        List<String> seen = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            int row = model.getOutputIDInfo().getID(new Label(labels.get(k)));
            if (row < 0) {
                throw new IllegalStateException(
                        "label " + labels.get(k) + " has no training example");
            }
            seen.add(labels.get(k));
            for (int d = 0; d < names.length; d++) {
                int column = model.getFeatureIDMap().getID(names[d]);
                weights[k][d] = column < 0 ? 0.0 : w.get(row, column);
            }
            bias[k] = w.get(row, featureCount);
        }
        return new LinearHead(seen, mean, scale, weights, bias);
    }
}
