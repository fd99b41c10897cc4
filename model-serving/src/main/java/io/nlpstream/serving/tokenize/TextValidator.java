package io.nlpstream.serving.tokenize;

import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.InvalidTextException.Reason;

/**
 * Refuses texts that can never be scored: null, empty, blank, unpaired surrogates, control
 * characters.
 */
public final class TextValidator {
    private TextValidator() {}

    /** Returns normally for a scorable text, otherwise throws with a typed reason. */
    public static void check(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidTextException(Reason.EMPTY, "text is empty or only whitespace");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw invalid("unpaired high surrogate", i);
            }
            if (Character.isLowSurrogate(c)) {
                throw invalid("unpaired low surrogate", i);
            }
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw invalid(String.format("control character U+%04X", (int) c), i);
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                throw invalid(String.format("noncharacter U+%04X", (int) c), i);
            }
        }
    }

    private static InvalidTextException invalid(String what, int index) {
        return new InvalidTextException(Reason.INVALID_CHARACTERS, what + " at index " + index);
    }
}
