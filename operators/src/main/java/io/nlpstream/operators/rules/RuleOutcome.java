package io.nlpstream.operators.rules;

import java.util.List;

/**
 * What the rules decided for one record.
 *
 * @param firedRuleIds ids of the rules that matched, in evaluation order
 * @param label the final label: the first OVERRIDE_LABEL's label, else the model's
 * @param queue the first ROUTE queue or FORCE_REVIEW queue, null when no rule chose one
 * @param reviewRuleId the first FORCE_REVIEW rule that matched, or null
 * @param dropRule the first DROP rule that matched, or null
 * @param alertRules the ALERT rules that matched, in evaluation order
 */
public record RuleOutcome(
        List<String> firedRuleIds,
        String label,
        String queue,
        String reviewRuleId,
        CompiledRule dropRule,
        List<CompiledRule> alertRules) {

    public RuleOutcome {
        firedRuleIds = List.copyOf(firedRuleIds);
        alertRules = List.copyOf(alertRules);
    }

    public boolean dropped() {
        return dropRule != null;
    }

    public boolean forcedReview() {
        return reviewRuleId != null;
    }
}
