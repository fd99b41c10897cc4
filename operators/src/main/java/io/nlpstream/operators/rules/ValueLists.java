package io.nlpstream.operators.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the values of rule expressions: single values and {@code (a, b, 'c d')} lists. */
final class ValueLists {

    private ValueLists() {}

    /** The value without surrounding single or double quotes, trimmed. */
    static String unquote(String raw) {
        String value = raw.trim();
        if (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            if ((first == '\'' || first == '"') && last == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    /**
     * The comma-separated values of a list body (without its parentheses), each unquoted; empty
     * when the list or one of its entries is empty. A comma inside quotes belongs to the value.
     */
    static Optional<List<String>> split(String body) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == ',') {
                if (!add(values, current)) {
                    return Optional.empty();
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quote != 0 || !add(values, current)) {
            return Optional.empty();
        }
        return Optional.of(values);
    }

    private static boolean add(List<String> values, StringBuilder raw) {
        String value = unquote(raw.toString());
        if (value.isEmpty()) {
            return false;
        }
        values.add(value);
        return true;
    }
}
