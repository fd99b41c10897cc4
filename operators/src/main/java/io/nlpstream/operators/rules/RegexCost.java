package io.nlpstream.operators.rules;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper bound on the instructions RE2J compiles an RE2 pattern to, and the pattern's group
 * nesting, read from the pattern's text without compiling it.
 *
 * <p>RE2J expands a counted repetition {@code x{n,m}} into {@code m} copies of {@code x}, so nested
 * repetitions multiply: {@code (?:(?:a{1000}){1000}){1000}} would be 10⁹ instructions and exhausts
 * the heap inside {@code Pattern.compile}. The bound follows RE2J's compiler: one instruction per
 * literal, class, {@code .} or assertion, two per capture group, one per {@code |}, {@code +},
 * {@code ?} and per optional copy of a repetition, two per {@code *} (RE2J compiles {@code x*} as
 * {@code (x+)?} where x may match empty), two for the program's start and match. RE2J's own
 * simplifications (merging alternatives into classes, factoring common prefixes) only make the real
 * program smaller. An invalid pattern gets some bound; RE2J rejects it afterwards.
 */
final class RegexCost {
    // Far above any budget, far below overflow when multiplied by a repeat count (at most 1000).
    private static final long SATURATED = 1L << 50;
    private static final int UNBOUNDED = -1;

    private final int nestingDepth;
    private final long programBound;

    private RegexCost(int nestingDepth, long programBound) {
        this.nestingDepth = nestingDepth;
        this.programBound = programBound;
    }

    /** The deepest nesting of groups, capturing or not. */
    int nestingDepth() {
        return nestingDepth;
    }

    /** At least the size of the program RE2J compiles the pattern to (capped near 2⁵⁰). */
    long programBound() {
        return programBound;
    }

    static RegexCost of(String pattern) {
        return new Scanner(pattern).scan();
    }

    /** One open group: its finished alternatives and the sequence being read. */
    private static final class Group {
        final boolean capture;
        long alternatives;
        int bars;
        long sequence;
        long last;

        Group(boolean capture) {
            this.capture = capture;
        }

        void atom(long cost) {
            sequence = add(sequence, last);
            last = cost;
        }

        void bar() {
            alternatives = add(alternatives, branch());
            bars++;
            sequence = 0;
            last = 0;
        }

        long close() {
            long cost = add(add(alternatives, branch()), bars);
            return capture ? add(cost, 2) : cost;
        }

        private long branch() {
            // An empty branch still compiles to one no-op.
            return Math.max(1, add(sequence, last));
        }
    }

    /** Reads RE2 syntax just far enough to see atoms, groups, alternation and repetition. */
    private static final class Scanner {
        private final String p;
        private final Deque<Group> open = new ArrayDeque<>();
        private Group top = new Group(false);
        private int i;
        private int maxDepth;

        Scanner(String pattern) {
            this.p = pattern;
        }

        RegexCost scan() {
            while (i < p.length()) {
                char c = p.charAt(i);
                switch (c) {
                    case '\\' -> escape();
                    case '[' -> {
                        i = endOfClass(i);
                        top.atom(1);
                    }
                    case '(' -> openGroup();
                    case ')' -> closeGroup();
                    case '|' -> {
                        top.bar();
                        i++;
                    }
                    case '*', '+', '?' -> {
                        top.last = add(top.last, c == '*' ? 2 : 1);
                        i++;
                        skipLazyMarker();
                    }
                    case '{' -> repeat();
                    default -> {
                        top.atom(1);
                        i++;
                    }
                }
            }
            while (!open.isEmpty()) {
                closeGroup();
            }
            return new RegexCost(maxDepth, add(top.close(), 2));
        }

        private void escape() {
            if (p.startsWith("\\Q", i)) {
                int end = p.indexOf("\\E", i + 2);
                int stop = end < 0 ? p.length() : end;
                for (int k = i + 2; k < stop; k++) {
                    top.atom(1);
                }
                i = end < 0 ? p.length() : end + 2;
                return;
            }
            i = endOfEscape(i);
            top.atom(1);
        }

        /** The index after the escape at {@code start}; {@code \p{..}}, {@code \x{..}} whole. */
        private int endOfEscape(int start) {
            int next = start + 1;
            if (next >= p.length()) {
                return p.length();
            }
            char kind = p.charAt(next);
            if ((kind == 'p' || kind == 'P' || kind == 'x') && p.startsWith("{", next + 1)) {
                int close = p.indexOf('}', next + 2);
                return close < 0 ? p.length() : close + 1;
            }
            return next + 1;
        }

        /** The index after the class that opens at {@code start}. */
        private int endOfClass(int start) {
            int j = start + 1;
            if (j < p.length() && p.charAt(j) == '^') {
                j++;
            }
            if (j < p.length() && p.charAt(j) == ']') {
                j++; // a leading ']' is a literal
            }
            while (j < p.length()) {
                char c = p.charAt(j);
                if (c == ']') {
                    return j + 1;
                } else if (c == '\\') {
                    j = endOfEscape(j);
                } else if (c == '[' && p.startsWith(":", j + 1)) {
                    j = endOfPosixClass(j);
                } else {
                    j++;
                }
            }
            return j;
        }

        /** After {@code [:name:]} (name letters, maybe after '^') at {@code start}, else +1. */
        private int endOfPosixClass(int start) {
            int k = start + 2;
            if (k < p.length() && p.charAt(k) == '^') {
                k++;
            }
            while (k < p.length() && Character.isLetter(p.charAt(k))) {
                k++;
            }
            return p.startsWith(":]", k) ? k + 2 : start + 1;
        }

        private void openGroup() {
            boolean capture = true;
            int body = i + 1;
            if (p.startsWith("(?P<", i)
                    || (p.startsWith("(?<", i)
                            && !p.startsWith("(?<=", i)
                            && !p.startsWith("(?<!", i))) {
                int k = p.indexOf('<', i) + 1;
                while (k < p.length() && isNameChar(p.charAt(k))) {
                    k++;
                }
                body = k < p.length() && p.charAt(k) == '>' ? k + 1 : k;
            } else if (p.startsWith("(?", i)) {
                int k = i + 2;
                while (k < p.length() && isFlagChar(p.charAt(k))) {
                    k++;
                }
                if (k < p.length() && p.charAt(k) == ')') {
                    i = k + 1; // (?i): flags for the rest of the group, no group of its own
                    return;
                }
                capture = false;
                body = k < p.length() && p.charAt(k) == ':' ? k + 1 : i + 2;
            }
            open.push(top);
            top = new Group(capture);
            maxDepth = Math.max(maxDepth, open.size());
            i = body;
        }

        private void closeGroup() {
            i++;
            if (open.isEmpty()) {
                top.atom(1); // unbalanced; RE2J rejects it
                return;
            }
            long cost = top.close();
            top = open.pop();
            top.atom(cost);
        }

        private void repeat() {
            int k = i + 1;
            int min = 0;
            int digits = 0;
            while (k < p.length() && Character.isDigit(p.charAt(k))) {
                min = saturatedDigit(min, p.charAt(k));
                digits++;
                k++;
            }
            int max = min;
            if (digits > 0 && k < p.length() && p.charAt(k) == ',') {
                k++;
                max = UNBOUNDED;
                int maxDigits = 0;
                int bound = 0;
                while (k < p.length() && Character.isDigit(p.charAt(k))) {
                    bound = saturatedDigit(bound, p.charAt(k));
                    maxDigits++;
                    k++;
                }
                if (maxDigits > 0) {
                    max = bound;
                }
            }
            if (digits == 0 || k >= p.length() || p.charAt(k) != '}') {
                top.atom(1); // not a repetition: a literal '{'
                i++;
                return;
            }
            top.last = repeated(top.last, min, max);
            i = k + 1;
            skipLazyMarker();
        }

        private void skipLazyMarker() {
            if (i < p.length() && p.charAt(i) == '?') {
                i++;
            }
        }
    }

    /** The size of {@code x{min,max}} where x has {@code size}: copies, plus one per optional. */
    private static long repeated(long size, int min, int max) {
        if (max == UNBOUNDED) {
            // x{n,} is n-1 copies then x+; x{0,} is x*.
            return min == 0 ? add(size, 2) : add(multiply(size, min), 1);
        }
        if (max == 0) {
            return 1;
        }
        int upper = Math.max(min, max);
        return add(multiply(size, upper), upper - min);
    }

    private static int saturatedDigit(int value, char digit) {
        return value > 100_000_000 ? value : value * 10 + (digit - '0');
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isFlagChar(char c) {
        return c == 'i' || c == 'm' || c == 's' || c == 'U' || c == '-';
    }

    private static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    private static long multiply(long a, long b) {
        return a > SATURATED / Math.max(b, 1) ? SATURATED : Math.min(SATURATED, a * b);
    }
}
