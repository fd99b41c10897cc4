package io.nlpstream.operators.tickets;

/**
 * A change in a ticket's life, from the {@code ticket-events} topic: ASSIGNED to a queue, or
 * RESOLVED. A Flink POJO.
 */
public class TicketEvent {
    public static final String ASSIGNED = "ASSIGNED";
    public static final String RESOLVED = "RESOLVED";

    public String ticketId;
    public String type;

    /** The queue it was assigned to; null for RESOLVED. */
    public String queue;

    /** Event time, epoch milliseconds. */
    public long time;

    public TicketEvent() {}

    public TicketEvent(String ticketId, String type, String queue, long time) {
        this.ticketId = ticketId;
        this.type = type;
        this.queue = queue;
        this.time = time;
    }

    public static TicketEvent assigned(String ticketId, String queue, long time) {
        return new TicketEvent(ticketId, ASSIGNED, queue, time);
    }

    public static TicketEvent resolved(String ticketId, long time) {
        return new TicketEvent(ticketId, RESOLVED, null, time);
    }

    @Override
    public String toString() {
        return ticketId + " " + type + (queue == null ? "" : " " + queue) + " @" + time;
    }
}
