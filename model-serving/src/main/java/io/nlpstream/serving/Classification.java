package io.nlpstream.serving;

import java.util.Map;

/**
 * The calibrated output for one text.
 *
 * @param label the label with the highest probability
 * @param confidence the probability of that label
 * @param scores the probability of every label, summing to 1
 * @param chunks how many model windows the text was split into
 */
public record Classification(
        String label, double confidence, Map<String, Double> scores, int chunks) {
    public Classification {
        scores = Map.copyOf(scores);
    }
}
