package io.nlpstream.operators.rules;

import io.nlpstream.schemas.ScoredEvent;

/** The compiled "when" of a rule: whether it matches one scored record. */
@FunctionalInterface
public interface RuleCondition {
    boolean matches(ScoredEvent scored);
}
