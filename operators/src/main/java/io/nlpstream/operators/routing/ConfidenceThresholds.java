package io.nlpstream.operators.routing;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The confidence each label needs for the automatic path: a default and per-label overrides. */
public final class ConfidenceThresholds implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The threshold used when none is configured. */
    public static final double DEFAULT_THRESHOLD = 0.9;

    private final double defaultThreshold;
    private final HashMap<String, Double> perLabel;

    /**
     * @param defaultThreshold the threshold of every label without an override, in [0, 1]
     * @param perLabel thresholds of single labels, each in [0, 1]
     */
    public ConfidenceThresholds(double defaultThreshold, Map<String, Double> perLabel) {
        checkRange(defaultThreshold, "default threshold");
        Objects.requireNonNull(perLabel, "perLabel must not be null");
        this.perLabel = new HashMap<>();
        for (Map.Entry<String, Double> entry : perLabel.entrySet()) {
            String label = entry.getKey();
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("threshold label must not be blank");
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException(
                        "threshold for label '" + label + "' must not be null");
            }
            checkRange(entry.getValue(), "threshold for label '" + label + "'");
            this.perLabel.put(label, entry.getValue());
        }
        this.defaultThreshold = defaultThreshold;
    }

    /** The default threshold 0.9 for every label. */
    public static ConfidenceThresholds defaults() {
        return new ConfidenceThresholds(DEFAULT_THRESHOLD, Map.of());
    }

    /** One threshold for every label. */
    public static ConfidenceThresholds of(double threshold) {
        return new ConfidenceThresholds(threshold, Map.of());
    }

    /**
     * Parses overrides written {@code label=threshold,label=threshold} (blank means none), e.g.
     * {@code negative=0.95,neutral=0.8}, as a command-line flag would carry them.
     */
    public static ConfidenceThresholds parse(double defaultThreshold, String overrides) {
        Map<String, Double> perLabel = new HashMap<>();
        if (overrides != null && !overrides.isBlank()) {
            for (String pair : overrides.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(
                            "threshold override '" + pair.trim() + "' must be label=threshold");
                }
                String label = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                try {
                    perLabel.put(label, Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "threshold for label '" + label + "' is not a number: '" + value + "'");
                }
            }
        }
        return new ConfidenceThresholds(defaultThreshold, perLabel);
    }

    /** The threshold {@code label} must reach. */
    public double thresholdFor(String label) {
        Double override = label == null ? null : perLabel.get(label);
        return override != null ? override : defaultThreshold;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    public Map<String, Double> overrides() {
        return Collections.unmodifiableMap(perLabel);
    }

    private static void checkRange(double value, String what) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + value);
        }
    }

    @Override
    public String toString() {
        return "ConfidenceThresholds{default=" + defaultThreshold + ", perLabel=" + perLabel + '}';
    }
}
