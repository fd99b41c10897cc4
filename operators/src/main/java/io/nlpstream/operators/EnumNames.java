package io.nlpstream.operators;

import java.util.Locale;
import java.util.Optional;

/** Reads an enum constant from user-given text: case-insensitive, surrounding blanks ignored. */
public final class EnumNames {
    private EnumNames() {}

    /** The constant {@code name} names, or empty when it names none (or is null). */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
