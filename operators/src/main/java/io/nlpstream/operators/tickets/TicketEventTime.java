package io.nlpstream.operators.tickets;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * The event time of a raw ticket event, for the Kafka source's watermarks: its {@code time}; one
 * that cannot be read gets the smallest time, so it never moves the watermark (the parser sends it
 * to the dead letters).
 */
public class TicketEventTime implements SerializableTimestampAssigner<byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(byte[] bytes, long kafkaTimestamp) {
        try {
            return TicketEventParser.decode(bytes).time;
        } catch (Exception e) {
            return Long.MIN_VALUE;
        }
    }
}
