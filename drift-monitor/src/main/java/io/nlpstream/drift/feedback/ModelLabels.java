package io.nlpstream.drift.feedback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Matches a fed-back label to one of the labels a model scores. */
public final class ModelLabels {
    /** Longest part of a label quoted in a reason; a hostile label stays whole in the record. */
    private static final int QUOTED_CHARS = 80;

    private ModelLabels() {}

    /**
     * The model's own spelling of {@code label}: the exact label when the model has it, else the
     * one label equal to it when case is ignored.
     *
     * @throws IllegalArgumentException when no label, or more than one, matches
     */
    public static String resolve(String label, Collection<String> modelLabels) {
        if (label != null && modelLabels.contains(label)) {
            return label;
        }
        List<String> matches = new ArrayList<>();
        if (label != null) {
            String folded = label.toLowerCase(Locale.ROOT);
            for (String candidate : modelLabels) {
                if (candidate.toLowerCase(Locale.ROOT).equals(folded)) {
                    matches.add(candidate);
                }
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        TreeSet<String> sorted = new TreeSet<>(modelLabels);
        String quoted = quote(label);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException(
                    "label " + quoted + " is not one of the model's labels " + sorted);
        }
        throw new IllegalArgumentException(
                "label "
                        + quoted
                        + " matches more than one of the model's labels "
                        + sorted
                        + " when case is ignored");
    }

    private static String quote(String label) {
        if (label == null) {
            return "null";
        }
        return label.length() <= QUOTED_CHARS
                ? "'" + label + "'"
                : "'" + label.substring(0, QUOTED_CHARS) + "...' (" + label.length() + " chars)";
    }
}
