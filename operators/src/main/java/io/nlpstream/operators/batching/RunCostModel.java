package io.nlpstream.operators.batching;

import io.nlpstream.serving.RunShape;

/**
 * The model's run time learned online: {@code millis ≈ perRun × runs + perToken × paddedTokens},
 * fitted by recursive least squares with forgetting, so that it follows a model swap, a busier
 * machine or a GPU within a few dozen batches.
 *
 * <p>Until it has seen a few batches it predicts from a prior of a small CPU encoder (2 ms per run,
 * 0.3 ms per padded token), which errs on the slow side.
 */
final class RunCostModel {
    /** Tokens are counted in hundreds, so that both coefficients have a similar scale. */
    private static final double TOKEN_SCALE = 100.0;

    private static final double FORGETTING = 0.95;
    private static final double INITIAL_COVARIANCE = 1_000.0;
    private static final int WARM_UP_BATCHES = 3;

    private double perRun = 2.0;
    private double perHundredTokens = 30.0;
    // covariance of the two coefficients, symmetric
    private double p11 = INITIAL_COVARIANCE;
    private double p12 = 0;
    private double p22 = INITIAL_COVARIANCE;
    private int observations;
    private double meanMillisPerToken = 0.3;

    /** Predicted run time of a batch of this shape, in milliseconds. */
    double predictMillis(RunShape shape) {
        double linear =
                perRun * shape.runs() + perHundredTokens * shape.paddedTokens() / TOKEN_SCALE;
        double byTokensAlone = meanMillisPerToken * shape.paddedTokens();
        if (observations < WARM_UP_BATCHES || !(linear > 0)) {
            return Math.max(byTokensAlone, linear > 0 ? linear : 0);
        }
        return linear;
    }

    /** Learns from one finished batch. */
    void observe(RunShape shape, double millis) {
        if (shape.runs() == 0 || shape.paddedTokens() == 0 || !(millis >= 0)) {
            return;
        }
        double x1 = shape.runs();
        double x2 = shape.paddedTokens() / TOKEN_SCALE;
        double px1 = p11 * x1 + p12 * x2;
        double px2 = p12 * x1 + p22 * x2;
        double denominator = FORGETTING + x1 * px1 + x2 * px2;
        double k1 = px1 / denominator;
        double k2 = px2 / denominator;
        double error = millis - (perRun * x1 + perHundredTokens * x2);
        perRun += k1 * error;
        perHundredTokens += k2 * error;
        double n11 = (p11 - k1 * px1) / FORGETTING;
        double n12 = (p12 - k1 * px2) / FORGETTING;
        double n22 = (p22 - k2 * px2) / FORGETTING;
        p11 = n11;
        p12 = n12;
        p22 = n22;
        if (p11 + p22 > 1e6 || p11 < 0 || p22 < 0) {
            // Batches of one shape only say nothing about the other coefficient: start afresh.
            p11 = INITIAL_COVARIANCE;
            p12 = 0;
            p22 = INITIAL_COVARIANCE;
        }
        double perToken = millis / shape.paddedTokens();
        meanMillisPerToken =
                observations == 0 ? perToken : 0.8 * meanMillisPerToken + 0.2 * perToken;
        observations++;
    }

    double perRunMillis() {
        return perRun;
    }

    double perTokenMillis() {
        return perHundredTokens / TOKEN_SCALE;
    }
}
