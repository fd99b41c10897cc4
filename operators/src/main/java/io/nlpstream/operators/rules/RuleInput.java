package io.nlpstream.operators.rules;

import io.nlpstream.schemas.ScoredEvent;
import java.util.List;

/** What the rules see of one record: the record, its text up to the scan limit, its amounts. */
public final class RuleInput {
    private final ScoredEvent scored;
    private final String text;
    private List<MoneyAmount> amounts;

    /** The record as rules see it, its text cut to its first {@code maxScanChars} characters. */
    public RuleInput(ScoredEvent scored, int maxScanChars) {
        this.scored = scored;
        this.text = scanned(scored.getEvent().getText(), maxScanChars);
    }

    /** {@code text} cut to {@code maxChars} characters, never between the halves of a pair. */
    static String scanned(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }

    public ScoredEvent scored() {
        return scored;
    }

    /** The start of the record's text that text rules search, as if the text ended there. */
    public String text() {
        return text;
    }

    /** The amounts in {@link #text()} and the metadata, extracted once for all rules. */
    public List<MoneyAmount> amounts() {
        if (amounts == null) {
            amounts = AmountExtractor.extract(text, scored.getEvent().getMetadata());
        }
        return amounts;
    }
}
