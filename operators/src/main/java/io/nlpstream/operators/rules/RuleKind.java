package io.nlpstream.operators.rules;

import io.nlpstream.operators.EnumNames;
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
        return EnumNames.parse(RuleKind.class, name);
    }
}
