package io.nlpstream.operators.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.operators.BytesRecordParser;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads the ticket-events topic: a JSON object {@code {"ticket_id", "type": "assigned"|"resolved",
 * "queue", "time"}} ({@code time} in epoch milliseconds or ISO-8601; {@code queue} required for
 * assigned); anything else goes to the dead letters with stage TICKET_EVENT.
 */
public class TicketEventParser extends BytesRecordParser<TicketEvent> {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = "TICKET_EVENT";
    private static final ObjectMapper JSON = new ObjectMapper();

    public TicketEventParser() {
        super(STAGE, "ticket event");
    }

    @Override
    protected TicketEvent decodeRecord(byte[] bytes) throws Exception {
        return decode(bytes);
    }

    public static TicketEvent decode(byte[] bytes) throws Exception {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty record");
        }
        JsonNode node = JSON.readTree(bytes);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String id = text(node, "ticket_id");
        String type = text(node, "type").toUpperCase(Locale.ROOT);
        JsonNode time = node.get("time");
        if (time == null || time.isNull()) {
            throw new IllegalArgumentException("field 'time' is missing");
        }
        long millis = time.isNumber() ? time.asLong() : Instant.parse(time.asText()).toEpochMilli();
        return switch (type) {
            case TicketEvent.ASSIGNED -> TicketEvent.assigned(id, text(node, "queue"), millis);
            case TicketEvent.RESOLVED -> TicketEvent.resolved(id, millis);
            default ->
                    throw new IllegalArgumentException(
                            "field 'type' must be assigned or resolved, was '" + type + "'");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }
}
