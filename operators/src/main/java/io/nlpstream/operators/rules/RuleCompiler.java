package io.nlpstream.operators.rules;

import io.nlpstream.operators.alerts.AlertSeverity;
import io.nlpstream.schemas.Rule;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/** Turns a {@link Rule} record into a {@link CompiledRule}, or says exactly why it cannot. */
public final class RuleCompiler {
    private static final String KINDS = names(RuleKind.values());
    private static final String ACTIONS = names(RuleAction.values());
    private static final String SEVERITIES = names(AlertSeverity.values());

    private final RuleBudget budget;

    /** A compiler whose rules must stay within {@code budget}. */
    public RuleCompiler(RuleBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget must not be null");
    }

    /** A compiler with the {@link RuleBudget#DEFAULT default budget}. */
    public RuleCompiler() {
        this(RuleBudget.DEFAULT);
    }

    /** Compiles {@code rule}; deleted rules are not compiled, their id and version suffice. */
    public CompiledRule compile(Rule rule) throws InvalidRuleException {
        String id = rule.getId();
        if (id == null || id.isBlank()) {
            throw new InvalidRuleException(null, "rule id must not be blank");
        }
        RuleKind kind =
                RuleKind.parse(rule.getKind())
                        .orElseThrow(
                                () ->
                                        new InvalidRuleException(
                                                id,
                                                "rule "
                                                        + id
                                                        + ": unknown kind '"
                                                        + rule.getKind()
                                                        + "' (expected one of "
                                                        + KINDS
                                                        + ")"));
        RuleAction action =
                RuleAction.parse(rule.getAction())
                        .orElseThrow(
                                () ->
                                        new InvalidRuleException(
                                                id,
                                                "rule "
                                                        + id
                                                        + ": unknown action '"
                                                        + rule.getAction()
                                                        + "' (expected one of "
                                                        + ACTIONS
                                                        + ")"));
        String expression = rule.getExpression();
        if (expression == null || expression.isBlank()) {
            throw new InvalidRuleException(id, "rule " + id + ": expression must not be blank");
        }
        if (expression.length() > budget.maxExpressionChars()) {
            throw new InvalidRuleException(
                    id,
                    "rule "
                            + id
                            + ": expression of "
                            + expression.length()
                            + " characters exceeds the limit of "
                            + budget.maxExpressionChars());
        }
        String arg = blankToNull(rule.getActionArg());
        AlertSeverity severity = null;
        switch (action) {
            case OVERRIDE_LABEL:
                requireArg(id, action, arg, "the label");
                break;
            case ROUTE:
                requireArg(id, action, arg, "the queue");
                break;
            case DROP:
                requireArg(id, action, arg, "the reason");
                break;
            case ALERT:
                severity = arg == null ? AlertSeverity.WARNING : parseSeverity(id, arg);
                break;
            case FORCE_REVIEW:
                break;
            default:
                throw new IllegalStateException("unhandled action " + action);
        }
        String description = blankToNull(rule.getDescription());
        String detail = description != null ? description : kind + " " + expression.trim();
        return new CompiledRule(
                id,
                rule.getVersion(),
                rule.getPriority(),
                rule.getEnabled(),
                kind,
                condition(id, kind, expression),
                action,
                arg,
                severity,
                detail);
    }

    private RuleCondition condition(String id, RuleKind kind, String expression)
            throws InvalidRuleException {
        switch (kind) {
            case KEYWORD:
                return KeywordCondition.compile(id, expression, budget);
            case REGEX:
                return RegexCondition.compile(id, expression, budget);
            case AMOUNT_THRESHOLD:
                return AmountThresholdCondition.compile(id, expression);
            case METADATA_MATCH:
                return MetadataMatchCondition.compile(id, expression);
            case LABEL_CONFIDENCE:
                return LabelConfidenceCondition.compile(id, expression);
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static void requireArg(String id, RuleAction action, String arg, String what)
            throws InvalidRuleException {
        if (arg == null) {
            throw new InvalidRuleException(
                    id,
                    "rule " + id + ": action " + action + " needs an action_arg (" + what + ")");
        }
    }

    private static AlertSeverity parseSeverity(String id, String arg) throws InvalidRuleException {
        return AlertSeverity.parse(arg)
                .orElseThrow(
                        () ->
                                new InvalidRuleException(
                                        id,
                                        "rule "
                                                + id
                                                + ": unknown alert severity '"
                                                + arg
                                                + "' (expected one of "
                                                + SEVERITIES
                                                + ")"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
