package io.nlpstream.operators.rules;

import io.nlpstream.schemas.ScoredEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The enabled rules in evaluation order, applied to one record at a time. */
public final class RuleSet {
    private static final RuleSet EMPTY = new RuleSet(List.of());

    private final List<CompiledRule> rules;

    /** The enabled ones of {@code compiled}, in {@link CompiledRule#EVALUATION_ORDER}. */
    public RuleSet(Collection<CompiledRule> compiled) {
        List<CompiledRule> enabled = new ArrayList<>();
        for (CompiledRule rule : compiled) {
            if (rule.enabled()) {
                enabled.add(rule);
            }
        }
        enabled.sort(CompiledRule.EVALUATION_ORDER);
        this.rules = List.copyOf(enabled);
    }

    public static RuleSet empty() {
        return EMPTY;
    }

    /** The enabled rules, in evaluation order. */
    public List<CompiledRule> rules() {
        return rules;
    }

    public int size() {
        return rules.size();
    }

    /**
     * Applies every enabled rule to {@code scored}, so the outcome names each rule that matched;
     * where several set the same thing (label, queue, review, drop) the first in order wins.
     */
    public RuleOutcome evaluate(ScoredEvent scored) {
        List<String> fired = new ArrayList<>();
        List<CompiledRule> alerts = new ArrayList<>();
        String label = null;
        String queue = null;
        String reviewRuleId = null;
        CompiledRule dropRule = null;
        for (CompiledRule rule : rules) {
            if (!rule.matches(scored)) {
                continue;
            }
            fired.add(rule.id());
            switch (rule.action()) {
                case OVERRIDE_LABEL:
                    label = label == null ? rule.actionArg() : label;
                    break;
                case ROUTE:
                    queue = queue == null ? rule.actionArg() : queue;
                    break;
                case FORCE_REVIEW:
                    reviewRuleId = reviewRuleId == null ? rule.id() : reviewRuleId;
                    queue = queue == null ? rule.actionArg() : queue;
                    break;
                case ALERT:
                    alerts.add(rule);
                    break;
                case DROP:
                    dropRule = dropRule == null ? rule : dropRule;
                    break;
                default:
                    throw new IllegalStateException("unhandled action " + rule.action());
            }
        }
        return new RuleOutcome(
                fired,
                label != null ? label : scored.getLabel(),
                queue,
                reviewRuleId,
                dropRule,
                alerts);
    }
}
