package io.nlpstream.operators.rules;

import io.nlpstream.schemas.ScoredEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The compiled rules one engine holds, the enabled ones kept in evaluation order, applied to one
 * record at a time. Adding, replacing or removing a rule costs O(log n), so a burst of updates
 * never rebuilds the set.
 */
public final class RuleSet {
    private final RuleBudget budget;
    private final Map<String, CompiledRule> held = new HashMap<>();
    private final NavigableSet<CompiledRule> enabled = new TreeSet<>(CompiledRule.EVALUATION_ORDER);
    private long enabledProgramSize;

    /** An empty set whose records are scanned, and whose updates checked, per {@code budget}. */
    public RuleSet(RuleBudget budget) {
        this.budget = budget;
    }

    /** A set of {@code compiled} with the default budget (not checked against it). */
    public RuleSet(Collection<CompiledRule> compiled) {
        this(RuleBudget.DEFAULT);
        compiled.forEach(this::put);
    }

    public static RuleSet empty() {
        return new RuleSet(RuleBudget.DEFAULT);
    }

    /**
     * Throws when holding {@code rule} in place of the rule of its id would exceed the budget: the
     * number of rules held, or the program size of all enabled text rules together.
     */
    public void checkAdmits(CompiledRule rule) throws InvalidRuleException {
        CompiledRule current = held.get(rule.id());
        if (current == null && held.size() >= budget.maxRules()) {
            throw new InvalidRuleException(
                    rule.id(),
                    String.format(
                            "rule %s: %d rules are held, the limit; delete one before adding"
                                    + " another",
                            rule.id(), held.size()));
        }
        long before = runCost(current);
        long after = runCost(rule);
        long total = enabledProgramSize - before + after;
        if (after > before && total > budget.maxTotalProgramSize()) {
            throw new InvalidRuleException(
                    rule.id(),
                    String.format(
                            "rule %s: the enabled text rules would compile to %d instructions in"
                                    + " all, above the limit of %d (this rule: %d)",
                            rule.id(), total, budget.maxTotalProgramSize(), after));
        }
    }

    /** Holds {@code rule} in place of any rule of its id. */
    public void put(CompiledRule rule) {
        remove(rule.id());
        held.put(rule.id(), rule);
        if (rule.enabled()) {
            enabled.add(rule);
            enabledProgramSize += runCost(rule);
        }
    }

    /** Drops the rule of {@code id}, if held. */
    public void remove(String id) {
        CompiledRule current = held.remove(id);
        if (current != null && current.enabled()) {
            enabled.remove(current);
            enabledProgramSize -= runCost(current);
        }
    }

    private static long runCost(CompiledRule rule) {
        return rule == null || !rule.enabled() ? 0 : rule.programSize();
    }

    /** The enabled rules, in evaluation order (a copy). */
    public List<CompiledRule> rules() {
        return List.copyOf(enabled);
    }

    /** The number of enabled rules. */
    public int size() {
        return enabled.size();
    }

    /** The number of rules held, enabled or not. */
    public int heldCount() {
        return held.size();
    }

    /** The RE2J instructions of all enabled text rules together. */
    public long enabledProgramSize() {
        return enabledProgramSize;
    }

    /**
     * Applies every enabled rule to {@code scored}, so the outcome names each rule that matched;
     * where several set the same thing (label, queue, review, drop) the first in order wins. Text
     * rules see the text up to the budget's scan limit.
     */
    public RuleOutcome evaluate(ScoredEvent scored) {
        RuleInput input = new RuleInput(scored, budget.maxScanChars());
        List<String> fired = new ArrayList<>();
        List<CompiledRule> alerts = new ArrayList<>();
        String label = null;
        String queue = null;
        String reviewRuleId = null;
        CompiledRule dropRule = null;
        for (CompiledRule rule : enabled) {
            if (!rule.matches(input)) {
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
