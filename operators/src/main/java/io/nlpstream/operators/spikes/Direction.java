package io.nlpstream.operators.spikes;

/**
 * Which side of the baseline is a spike: above (volume, negative share), below (sentiment), or
 * both.
 */
public enum Direction {
    UP,
    DOWN,
    BOTH;

    /** The score seen in this direction: positive when the window is off the baseline this way. */
    double directed(double score) {
        return switch (this) {
            case UP -> score;
            case DOWN -> -score;
            case BOTH -> Math.abs(score);
        };
    }
}
