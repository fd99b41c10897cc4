package io.nlpstream.operators.spikes;

/**
 * What a series counts, and its variance-stabilising transform: on the transformed scale the
 * window's sampling noise has a known variance, so one detector serves every kind.
 */
public enum SeriesKind {
    /**
     * Events per window. Anscombe's transform {@code 2 sqrt(x + 3/8)}: Poisson noise has variance
     * about 1 on this scale, whatever the mean.
     */
    COUNT {
        @Override
        double transform(double value, double trials) {
            return 2 * Math.sqrt(value + 0.375);
        }

        @Override
        double noiseVariance(double trials) {
            return 1;
        }

        @Override
        double inverse(double transformed) {
            double half = Math.max(transformed, 0) / 2;
            return Math.max(0, half * half - 0.375);
        }
    },
    /**
     * A share of the window's items (successes out of trials, e.g. negative out of all). Anscombe's
     * arcsine transform {@code 2 asin(sqrt((k + 3/8) / (n + 3/4)))}: binomial noise has variance
     * about {@code 1 / (n + 1/2)}, so a window of few items is a weak witness.
     */
    PROPORTION {
        @Override
        double transform(double successes, double trials) {
            return 2 * Math.asin(Math.sqrt((successes + 0.375) / (trials + 0.75)));
        }

        @Override
        double noiseVariance(double trials) {
            return 1 / (trials + 0.5);
        }

        @Override
        double inverse(double transformed) {
            double clamped = Math.min(Math.max(transformed, 0), Math.PI);
            double s = Math.sin(clamped / 2);
            return s * s;
        }
    };

    abstract double transform(double value, double trials);

    abstract double noiseVariance(double trials);

    /** The value in the series' own unit (count, share) at a point of the transformed scale. */
    abstract double inverse(double transformed);
}
