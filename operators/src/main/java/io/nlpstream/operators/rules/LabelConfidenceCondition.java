package io.nlpstream.operators.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.nlpstream.schemas.ScoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** Matches the model's label and confidence against {@code &&}-joined clauses. */
public final class LabelConfidenceCondition implements RuleCondition {
    static final String SYNTAX =
            "expected 'label == <label>', 'label != <label>', 'label in (<l1>, ...)', 'label not in"
                    + " (<l1>, ...)' or 'confidence <op> <number in [0, 1]>' with <op> one of "
                    + Comparison.SYMBOLS;

    private static final Pattern LABEL_EQUALITY =
            Pattern.compile("^(?i:label)\\s*(==|!=)\\s*(.+)$");
    private static final Pattern LABEL_MEMBERSHIP =
            Pattern.compile("^(?i:label)\\s+((?i:not\\s+in|in))\\s*\\((.*)\\)$");
    private static final Pattern CONFIDENCE =
            Pattern.compile(
                    "^(?i:confidence)\\s*(>=|<=|==|!=|>|<)\\s*([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)$");

    private final List<Predicate<ScoredEvent>> clauses;
    private final String expression;

    private LabelConfidenceCondition(List<Predicate<ScoredEvent>> clauses, String expression) {
        this.clauses = clauses;
        this.expression = expression;
    }

    /** Compiles {@code expression}, e.g. {@code label == negative && confidence >= 0.95}. */
    static LabelConfidenceCondition compile(String ruleId, String expression)
            throws InvalidRuleException {
        List<Predicate<ScoredEvent>> clauses = new ArrayList<>();
        for (String raw : expression.split("&&", -1)) {
            clauses.add(clause(ruleId, raw.trim()));
        }
        return new LabelConfidenceCondition(List.copyOf(clauses), expression.trim());
    }

    private static Predicate<ScoredEvent> clause(String ruleId, String clause)
            throws InvalidRuleException {
        Matcher eq = LABEL_EQUALITY.matcher(clause);
        if (eq.matches()) {
            String label = ValueLists.unquote(eq.group(2));
            if (!label.isEmpty()) {
                return labelIn(List.of(label), "!=".equals(eq.group(1)));
            }
        }
        Matcher in = LABEL_MEMBERSHIP.matcher(clause);
        if (in.matches()) {
            Optional<List<String>> labels = ValueLists.split(in.group(2));
            if (labels.isPresent()) {
                boolean negated = in.group(1).toLowerCase(Locale.ROOT).startsWith("not");
                return labelIn(List.copyOf(labels.get()), negated);
            }
        }
        Matcher confidence = CONFIDENCE.matcher(clause);
        if (confidence.matches()) {
            Comparison comparison =
                    Comparison.ofSymbol(confidence.group(1))
                            .orElseThrow(() -> new IllegalStateException(clause));
            double bound = Double.parseDouble(confidence.group(2));
            if (bound > 1.0) {
                throw new InvalidRuleException(
                        ruleId,
                        "rule "
                                + ruleId
                                + ": confidence bound "
                                + confidence.group(2)
                                + " is outside [0, 1]");
            }
            return scored -> comparison.holds(scored.getConfidence(), bound);
        }
        throw new InvalidRuleException(
                ruleId,
                "rule " + ruleId + ": invalid LABEL_CONFIDENCE clause '" + clause + "': " + SYNTAX);
    }

    private static Predicate<ScoredEvent> labelIn(List<String> labels, boolean negated) {
        return scored -> {
            String actual = scored.getLabel();
            boolean found = false;
            for (String label : labels) {
                if (label.equalsIgnoreCase(actual)) {
                    found = true;
                    break;
                }
            }
            return found != negated;
        };
    }

    @Override
    public boolean matches(RuleInput input) {
        for (Predicate<ScoredEvent> clause : clauses) {
            if (!clause.test(input.scored())) {
                return false;
            }
        }
        return true;
    }

    public int clauseCount() {
        return clauses.size();
    }

    @Override
    public String toString() {
        return "LABEL_CONFIDENCE[" + expression + "]";
    }
}
