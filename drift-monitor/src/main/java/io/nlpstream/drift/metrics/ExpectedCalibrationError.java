package io.nlpstream.drift.metrics;

/**
 * Expected calibration error: sum over equal-width confidence bins of (n_b / n) |acc_b - conf_b|.
 */
public final class ExpectedCalibrationError {

    private final EqualWidthBins bins;

    public ExpectedCalibrationError(int bins) {
        this.bins = new EqualWidthBins(bins);
    }

    /**
     * @param confidence the probability the model gave its predicted label
     * @param correct whether that label was right
     * @return the ECE in [0, 1], or {@code NaN} for no records
     */
    public double compute(double[] confidence, boolean[] correct) {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException("confidences and outcomes differ in length");
        }
        int n = confidence.length;
        if (n == 0) {
            return Double.NaN;
        }
        int b = bins.size();
        double[] confidenceSum = new double[b];
        double[] rightSum = new double[b];
        long[] count = new long[b];
        for (int i = 0; i < n; i++) {
            int bin = bins.binOf(confidence[i]);
            confidenceSum[bin] += confidence[i];
            rightSum[bin] += correct[i] ? 1.0 : 0.0;
            count[bin]++;
        }
        double ece = 0.0;
        for (int k = 0; k < b; k++) {
            if (count[k] > 0) {
                ece += Math.abs(rightSum[k] - confidenceSum[k]) / n;
            }
        }
        return ece;
    }
}
