package io.nlpstream.operators.parsing;

import io.nlpstream.schemas.TextEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * The range of event times the pipeline trusts: from 2000-01-01 to one hour after the record
 * entered Kafka. A time outside it is replaced by the Kafka time and kept in {@code
 * reported_event_time}, so a producer's clock cannot drive windows or watermarks.
 */
public final class EventTimeBounds {
    /** How far ahead of the Kafka time an event time may be (clock skew between producers). */
    public static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

    /** The earliest trusted event time; earlier ones are mistakes such as epoch seconds. */
    public static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    private EventTimeBounds() {}

    /**
     * Sets the event's time: its own when trusted, else the reference time. The reference is the
     * Kafka timestamp, never later than now (the broker may be configured to take producers'
     * timestamps as they are), or now when the record has none.
     *
     * @param kafkaTime the input record's Kafka timestamp, or a negative value when it has none
     * @param now the processing time
     */
    public static void apply(TextEvent event, long kafkaTime, long now) {
        long reference = kafkaTime > 0 ? Math.min(kafkaTime, now) : now;
        long time = event.getEventTime();
        event.setReportedEventTime(null);
        if (time == 0) {
            event.setEventTime(reference); // the producer gave none
        } else if (time < EARLIEST || time > reference + FUTURE_TOLERANCE.toMillis()) {
            event.setReportedEventTime(time);
            event.setEventTime(reference);
        }
    }
}
