package io.nlpstream.operators.parsing;

/**
 * The id rule: an event keeps the id its producer gave when it is a non-blank string of at most
 * {@value #MAX_LENGTH} characters; a missing, null or blank id becomes the record's own unique
 * {@code topic-partition-offset}; anything else is refused.
 */
public final class EventIds {
    public static final int MAX_LENGTH = 1024;

    private EventIds() {}

    /** The event's id; {@code given} may be null. */
    public static String resolve(String given, RawRecord record) throws MalformedInputException {
        if (given == null || given.isBlank()) {
            return derived(record);
        }
        if (given.length() > MAX_LENGTH) {
            throw new MalformedInputException(
                    "field 'id' is longer than " + MAX_LENGTH + " characters");
        }
        return given;
    }

    /** Deterministic, so a replay after a failure produces the same ids. */
    public static String derived(RawRecord record) {
        return record.topic + "-" + record.partition + "-" + record.offset;
    }
}
