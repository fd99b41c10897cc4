package io.nlpstream.operators.rules;

import java.util.Locale;
import java.util.Optional;

/** What a matching rule does; the names are the values of {@code Rule.action}. */
public enum RuleAction {
    OVERRIDE_LABEL,
    ROUTE,
    FORCE_REVIEW,
    ALERT,
    DROP;

    /** The action {@code name} names (case-insensitive), or empty when unknown. */
    public static Optional<RuleAction> parse(String name) {
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
