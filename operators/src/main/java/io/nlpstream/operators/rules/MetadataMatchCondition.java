package io.nlpstream.operators.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.nlpstream.schemas.TextEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Matches the record's source or a metadata value against one value or a list. */
public final class MetadataMatchCondition implements RuleCondition {
    static final String SYNTAX =
            "expected '<key> == <value>', '<key> != <value>', '<key> in (<v1>, <v2>, ...)' or"
                    + " '<key> not in (<v1>, <v2>, ...)'";

    private static final String KEY = "([A-Za-z0-9_.\\-]+)";
    private static final Pattern EQUALITY = Pattern.compile("^\\s*" + KEY + "\\s*(==|!=)(.*)$");
    private static final Pattern MEMBERSHIP =
            Pattern.compile("^\\s*" + KEY + "\\s+((?i:not\\s+in|in))\\s*\\((.*)\\)\\s*$");

    private static final String SOURCE = "source";
    private static final String METADATA_PREFIX = "metadata.";

    private final String key;
    private final boolean sourceField;
    private final List<String> values;
    private final boolean negated;

    private MetadataMatchCondition(
            String key, boolean sourceField, List<String> values, boolean negated) {
        this.key = key;
        this.sourceField = sourceField;
        this.values = values;
        this.negated = negated;
    }

    /**
     * Compiles {@code expression}, e.g. {@code source == twitter} or {@code tier in
     * (gold,platinum)}. The bare key {@code source} is the event's source; any other key, or {@code
     * metadata.<key>}, a metadata entry. Values compare case-insensitive; an absent entry is
     * unequal to everything.
     */
    static MetadataMatchCondition compile(String ruleId, String expression)
            throws InvalidRuleException {
        Matcher eq = EQUALITY.matcher(expression);
        if (eq.matches()) {
            String value = ValueLists.unquote(eq.group(3));
            if (!value.isEmpty()) {
                return create(eq.group(1), List.of(value), "!=".equals(eq.group(2)));
            }
        }
        Matcher in = MEMBERSHIP.matcher(expression);
        if (in.matches()) {
            Optional<List<String>> values = ValueLists.split(in.group(3));
            if (values.isPresent()) {
                boolean negated = in.group(2).toLowerCase(Locale.ROOT).startsWith("not");
                return create(in.group(1), List.copyOf(values.get()), negated);
            }
        }
        throw new InvalidRuleException(
                ruleId,
                "rule "
                        + ruleId
                        + ": invalid METADATA_MATCH expression '"
                        + expression
                        + "': "
                        + SYNTAX);
    }

    private static MetadataMatchCondition create(String key, List<String> values, boolean negated) {
        if (key.startsWith(METADATA_PREFIX) && key.length() > METADATA_PREFIX.length()) {
            return new MetadataMatchCondition(
                    key.substring(METADATA_PREFIX.length()), false, values, negated);
        }
        return new MetadataMatchCondition(key, SOURCE.equals(key), values, negated);
    }

    @Override
    public boolean matches(RuleInput input) {
        String actual = valueOf(input.scored().getEvent());
        boolean found = false;
        if (actual != null) {
            for (String value : values) {
                if (value.equalsIgnoreCase(actual.trim())) {
                    found = true;
                    break;
                }
            }
        }
        return found != negated;
    }

    private String valueOf(TextEvent event) {
        if (sourceField) {
            return event.getSource();
        }
        Map<String, String> metadata = event.getMetadata();
        return metadata == null ? null : metadata.get(key);
    }

    /** The metadata key, or {@code source} for the event's source. */
    public String key() {
        return key;
    }

    public List<String> values() {
        return values;
    }

    public boolean negated() {
        return negated;
    }

    public boolean matchesSource() {
        return sourceField;
    }

    @Override
    public String toString() {
        return (sourceField ? key : METADATA_PREFIX + key)
                + (negated ? " not in " : " in ")
                + values;
    }
}
