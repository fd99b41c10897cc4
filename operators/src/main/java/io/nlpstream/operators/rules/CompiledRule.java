package io.nlpstream.operators.rules;

import io.nlpstream.operators.alerts.AlertSeverity;
import io.nlpstream.schemas.ScoredEvent;
import java.util.Comparator;
import java.util.Objects;

/** A rule ready to run: its condition compiled, its action and argument checked. */
public final class CompiledRule {
    /** Evaluation order: lower priority first, then by id so the order never depends on arrival. */
    public static final Comparator<CompiledRule> EVALUATION_ORDER =
            Comparator.comparingInt(CompiledRule::priority).thenComparing(CompiledRule::id);

    private final String id;
    private final long version;
    private final int priority;
    private final boolean enabled;
    private final RuleKind kind;
    private final RuleCondition condition;
    private final RuleAction action;
    private final String actionArg;
    private final AlertSeverity severity;
    private final String detail;

    CompiledRule(
            String id,
            long version,
            int priority,
            boolean enabled,
            RuleKind kind,
            RuleCondition condition,
            RuleAction action,
            String actionArg,
            AlertSeverity severity,
            String detail) {
        this.id = Objects.requireNonNull(id, "id must not be null");
        this.version = version;
        this.priority = priority;
        this.enabled = enabled;
        this.kind = Objects.requireNonNull(kind, "kind must not be null");
        this.condition = Objects.requireNonNull(condition, "condition must not be null");
        this.action = Objects.requireNonNull(action, "action must not be null");
        this.actionArg = actionArg;
        this.severity = severity;
        this.detail = detail;
    }

    /** Whether the rule's condition holds for the record (regardless of {@link #enabled()}). */
    public boolean matches(RuleInput input) {
        return condition.matches(input);
    }

    /** {@link #matches(RuleInput)} for the record as seen with the default scan limit. */
    public boolean matches(ScoredEvent scored) {
        return matches(new RuleInput(scored, RuleBudget.DEFAULT.maxScanChars()));
    }

    /** The RE2J instructions the rule runs over a record's text; 0 for rules that match none. */
    public int programSize() {
        return condition.programSize();
    }

    public String id() {
        return id;
    }

    public long version() {
        return version;
    }

    public int priority() {
        return priority;
    }

    public boolean enabled() {
        return enabled;
    }

    public RuleKind kind() {
        return kind;
    }

    public RuleCondition condition() {
        return condition;
    }

    public RuleAction action() {
        return action;
    }

    /** The label, queue, severity or reason of the action; null where the action has none. */
    public String actionArg() {
        return actionArg;
    }

    /** The alert severity of an ALERT rule, null for other actions. */
    public AlertSeverity severity() {
        return severity;
    }

    /** What the rule is about, for alert messages: its description, else kind and expression. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "CompiledRule{id="
                + id
                + ", v"
                + version
                + ", priority="
                + priority
                + ", "
                + condition
                + " -> "
                + action
                + (actionArg == null ? "" : "(" + actionArg + ")")
                + (enabled ? "" : ", disabled")
                + '}';
    }
}
