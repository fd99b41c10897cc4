package io.nlpstream.operators.rules;

import java.util.Optional;

/** A numeric comparison operator of a rule expression: {@code > >= < <= == !=}. */
public enum Comparison {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    EQ("=="),
    NE("!=");

    /** The operators a rule expression may use, for syntax messages. */
    public static final String SYMBOLS = ">, >=, <, <=, ==, !=";

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** The operator written {@code symbol}, or empty. */
    public static Optional<Comparison> ofSymbol(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code left <op> right} holds, given {@code left.compareTo(right)}. */
    public boolean holds(int compareResult) {
        switch (this) {
            case GT:
                return compareResult > 0;
            case GE:
                return compareResult >= 0;
            case LT:
                return compareResult < 0;
            case LE:
                return compareResult <= 0;
            case EQ:
                return compareResult == 0;
            case NE:
                return compareResult != 0;
            default:
                throw new IllegalStateException("unhandled comparison " + this);
        }
    }

    /** Whether {@code left <op> right} holds; false when either is NaN. */
    public boolean holds(double left, double right) {
        if (Double.isNaN(left) || Double.isNaN(right)) {
            return false;
        }
        return holds(Double.compare(left, right));
    }
}
