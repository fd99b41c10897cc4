package io.nlpstream.operators.rules;

import io.nlpstream.operators.EnumNames;
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
        return EnumNames.parse(RuleAction.class, name);
    }
}
