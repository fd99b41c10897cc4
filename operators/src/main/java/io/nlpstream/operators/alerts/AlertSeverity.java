package io.nlpstream.operators.alerts;

import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is; the names are the values of {@code Alert.severity}. */
public enum AlertSeverity {
    INFO,
    WARNING,
    CRITICAL;

    /** The severity a rule's action argument names (case-insensitive), or empty when unknown. */
    public static Optional<AlertSeverity> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
