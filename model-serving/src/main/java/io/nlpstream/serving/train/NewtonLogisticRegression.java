package io.nlpstream.serving.train;

import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;

/**
 * Multinomial logistic regression with an L2 penalty on the weights, solved to its unique optimum
 * by Newton's method with a backtracking line search: the result depends on the data and the
 * penalty only, never on a seed or on the order of the rows.
 *
 * <p>Minimises {@code mean_i -log softmax(W x_i + b)[y_i] + l2 / 2 * |W|^2}. The bias is not
 * penalised; the one direction in which the softmax does not change (the same shift of every
 * class's bias) gets a tiny ridge so the Newton system stays positive definite.
 */
final class NewtonLogisticRegression {
    private static final double BIAS_RIDGE = 1e-9;

    /** Converged when no partial derivative exceeds this. */
    private static final double TOLERANCE = 1e-9;

    private static final int MAX_ITERATIONS = 100;

    private NewtonLogisticRegression() {}

    /**
     * A fitted model.
     *
     * @param weights {@code [classes][features]}
     * @param bias one per class
     * @param iterations Newton steps taken
     */
    record Fit(double[][] weights, double[] bias, int iterations) {}

    /**
     * Fits the model.
     *
     * @param x rows of features (already standardised)
     * @param y class of each row, in {@code [0, classes)}
     * @param classes number of classes
     * @param l2 penalty on the weights, greater than 0
     * @param start a previous fit to start from (e.g. for a nearby penalty), or null; only the
     *     number of steps depends on it
     */
    static Fit fit(double[][] x, int[] y, int classes, double l2, Fit start) {
        if (!(l2 > 0)) {
            throw new IllegalArgumentException("l2 must be > 0, got " + l2);
        }
        int dim = x[0].length;
        int block = dim + 1;
        double[] theta = new double[classes * block];
        if (start != null) {
            for (int k = 0; k < classes; k++) {
                System.arraycopy(start.weights()[k], 0, theta, k * block, dim);
                theta[k * block + dim] = start.bias()[k];
            }
        }
        double value = objective(x, y, classes, l2, theta);
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            double[] gradient = new double[theta.length];
            double[][] hessian = new double[theta.length][theta.length];
            derivatives(x, y, classes, l2, theta, gradient, hessian);
            DenseVector step =
                    DenseMatrix.createDenseMatrix(hessian)
                            .choleskyFactorization()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "Newton system is not positive definite"))
                            .solve(DenseVector.createDenseVector(gradient));
            double decrement = 0;
            for (int j = 0; j < theta.length; j++) {
                decrement += gradient[j] * step.get(j);
            }
            double steepest = 0;
            for (double g : gradient) {
                steepest = Math.max(steepest, Math.abs(g));
            }
            // the second test stops at the limit of double precision
            if (steepest < TOLERANCE || decrement / 2 < 1e-18) {
                break;
            }
            double t = 1.0;
            double[] next = new double[theta.length];
            double nextValue;
            while (true) {
                for (int j = 0; j < theta.length; j++) {
                    next[j] = theta[j] - t * step.get(j);
                }
                nextValue = objective(x, y, classes, l2, next);
                if (nextValue <= value - 1e-4 * t * decrement || t < 1e-10) {
                    break;
                }
                t /= 2;
            }
            theta = next;
            value = nextValue;
            iteration++;
        }
        double[][] weights = new double[classes][dim];
        double[] bias = new double[classes];
        for (int k = 0; k < classes; k++) {
            System.arraycopy(theta, k * block, weights[k], 0, dim);
            bias[k] = theta[k * block + dim];
        }
        return new Fit(weights, bias, iteration);
    }

    private static double objective(double[][] x, int[] y, int classes, double l2, double[] theta) {
        int dim = x[0].length;
        int block = dim + 1;
        double loss = 0;
        double[] logits = new double[classes];
        for (int i = 0; i < x.length; i++) {
            logits(x[i], classes, theta, logits);
            loss += logSumExp(logits) - logits[y[i]];
        }
        double penalty = 0;
        for (int k = 0; k < classes; k++) {
            for (int d = 0; d < dim; d++) {
                penalty += theta[k * block + d] * theta[k * block + d];
            }
        }
        return loss / x.length + l2 / 2 * penalty;
    }

    /** Gradient and Hessian of the objective at {@code theta}. */
    private static void derivatives(
            double[][] x,
            int[] y,
            int classes,
            double l2,
            double[] theta,
            double[] gradient,
            double[][] hessian) {
        int dim = x[0].length;
        int block = dim + 1;
        double n = x.length;
        double[] logits = new double[classes];
        double[] row = new double[block];
        row[dim] = 1.0;
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, row, 0, dim);
            logits(x[i], classes, theta, logits);
            double norm = logSumExp(logits);
            double[] p = new double[classes];
            for (int k = 0; k < classes; k++) {
                p[k] = Math.exp(logits[k] - norm);
            }
            for (int k = 0; k < classes; k++) {
                double residual = (p[k] - (y[i] == k ? 1 : 0)) / n;
                for (int a = 0; a < block; a++) {
                    gradient[k * block + a] += residual * row[a];
                }
                // with two classes every block is +-H00: compute that one only, copied below
                int lastPair = classes == 2 ? (k == 0 ? 0 : -1) : classes - 1;
                for (int l = k; l <= lastPair; l++) {
                    double weight = p[k] * ((k == l ? 1 : 0) - p[l]) / n;
                    for (int a = 0; a < block; a++) {
                        double wa = weight * row[a];
                        double[] target = hessian[k * block + a];
                        // within a diagonal block only the upper triangle; mirrored below
                        for (int c = k == l ? a : 0; c < block; c++) {
                            target[l * block + c] += wa * row[c];
                        }
                    }
                }
            }
        }
        if (classes == 2) {
            for (int a = 0; a < block; a++) {
                for (int c = a; c < block; c++) {
                    double h = hessian[a][c];
                    hessian[block + a][block + c] = h;
                    hessian[a][block + c] = -h;
                    hessian[c][block + a] = -h;
                }
            }
        }
        for (int k = 0; k < classes; k++) {
            for (int d = 0; d < dim; d++) {
                gradient[k * block + d] += l2 * theta[k * block + d];
                hessian[k * block + d][k * block + d] += l2;
            }
            hessian[k * block + dim][k * block + dim] += BIAS_RIDGE;
        }
        for (int r = 0; r < hessian.length; r++) {
            for (int c = 0; c < r; c++) {
                hessian[r][c] = hessian[c][r];
            }
        }
    }

    private static void logits(double[] x, int classes, double[] theta, double[] out) {
        int dim = x.length;
        int block = dim + 1;
        for (int k = 0; k < classes; k++) {
            double sum = theta[k * block + dim];
            for (int d = 0; d < dim; d++) {
                sum += theta[k * block + d] * x[d];
            }
            out[k] = sum;
        }
    }

    private static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
