package io.nlpstream.operators.rules;

import io.nlpstream.schemas.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a history of rule records (as on the rules topic, oldest first) into the rules it leaves
 * active, by the rule engine's own update rules: a lower version than the one held is ignored,
 * {@code deleted} removes the rule, and a rule that does not decode, has no id or does not compile
 * within the budget leaves the version held in place.
 */
public final class LatestRules {
    private final RuleCompiler compiler;
    private final Map<String, Held> byId = new LinkedHashMap<>();

    private record Held(long version, byte[] record) {}

    public LatestRules(RuleBudget budget) {
        this.compiler = new RuleCompiler(budget);
    }

    /** Applies one record of the history. */
    public void add(byte[] record) {
        Rule rule;
        try {
            rule = RuleDecoder.decode(record);
        } catch (RuleDecodingException e) {
            return;
        }
        String id = rule.getId();
        if (id == null || id.isBlank()) {
            return;
        }
        Held held = byId.get(id);
        if (held != null && rule.getVersion() < held.version()) {
            return;
        }
        if (rule.getDeleted()) {
            byId.remove(id);
            return;
        }
        try {
            compiler.compile(rule);
        } catch (InvalidRuleException e) {
            return;
        }
        byId.put(id, new Held(rule.getVersion(), record));
    }

    /** Applies each record in order. */
    public LatestRules addAll(List<byte[]> records) {
        records.forEach(this::add);
        return this;
    }

    /** The records of the active rules, one per id. */
    public List<byte[]> records() {
        List<byte[]> out = new ArrayList<>();
        byId.values().forEach(h -> out.add(h.record()));
        return out;
    }
}
