package io.nlpstream.operators.alerts;

import io.nlpstream.operators.EnumNames;
import java.util.Optional;

/** How urgent an alert is; the names are the values of {@code Alert.severity}. */
public enum AlertSeverity {
    INFO,
    WARNING,
    CRITICAL;

    /** The severity a rule's action argument names (case-insensitive), or empty when unknown. */
    public static Optional<AlertSeverity> parse(String name) {
        return EnumNames.parse(AlertSeverity.class, name);
    }
}
