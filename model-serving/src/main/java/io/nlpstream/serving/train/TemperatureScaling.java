package io.nlpstream.serving.train;

import java.util.function.DoubleUnaryOperator;

/**
 * Fits the softmax temperature that minimises held-out log loss (golden-section search on log T).
 */
public final class TemperatureScaling {
    // strongly regularised heads have small logits and need temperatures well below 1
    private static final double LOW = Math.log(0.005);
    private static final double HIGH = Math.log(20.0);

    private TemperatureScaling() {}

    /** The temperature in [0.005, 20] minimising {@code logLossAt(temperature)}. */
    public static double fit(DoubleUnaryOperator logLossAt) {
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = LOW;
        double b = HIGH;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = logLossAt.applyAsDouble(Math.exp(c));
        double fd = logLossAt.applyAsDouble(Math.exp(d));
        for (int i = 0; i < 60; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = logLossAt.applyAsDouble(Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = logLossAt.applyAsDouble(Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }
}
