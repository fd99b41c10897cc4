package io.nlpstream.operators.batching;

import io.nlpstream.schemas.TextEvent;

/**
 * A text waiting for the model or being scored.
 *
 * @param event the text
 * @param timestamp its stream record's timestamp, {@link #NO_TIMESTAMP} when it had none
 * @param sequence its position in the operator's input, for holding watermarks back
 * @param arrivalMillis when it reached the operator
 * @param startMillis when its latency started: the Kafka timestamp of the input record, or its
 *     arrival at the operator when that is missing or implausible
 * @param windowLengths token lengths of the model windows it needs
 */
record PendingText(
        TextEvent event,
        long timestamp,
        long sequence,
        long arrivalMillis,
        long startMillis,
        int[] windowLengths) {
    static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /** Longer ago than this, an ingest time says more about clocks than about latency. */
    private static final long PLAUSIBLE_AGE_MILLIS = 10 * 60_000L;

    static long latencyStart(TextEvent event, long arrivalMillis) {
        long ingest = event.getIngestTime();
        boolean plausible =
                ingest > 0
                        && ingest <= arrivalMillis
                        && arrivalMillis - ingest <= PLAUSIBLE_AGE_MILLIS;
        return plausible ? ingest : arrivalMillis;
    }

    boolean hasTimestamp() {
        return timestamp != NO_TIMESTAMP;
    }
}
