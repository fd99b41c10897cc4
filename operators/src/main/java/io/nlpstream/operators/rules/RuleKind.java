package io.nlpstream.operators.rules;

import java.util.Locale;
import java.util.Optional;

/** What a rule matches on; the names are the values of {@code Rule.kind}. */
public enum RuleKind {
    KEYWORD,
    REGEX,
    AMOUNT_THRESHOLD,
    METADATA_MATCH,
    LABEL_CONFIDENCE;

    /** The kind {@code name} names (case-insensitive), or empty when unknown. */
    public static Optional<RuleKind> parse(String name) {
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
