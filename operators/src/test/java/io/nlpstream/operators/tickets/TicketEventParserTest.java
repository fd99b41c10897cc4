package io.nlpstream.operators.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TicketEventParserTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAssignedAndResolvedEvents() throws Exception {
        TicketEvent a =
                TicketEventParser.decode(
                        utf8(
                                "{\"ticket_id\":\"t1\",\"type\":\"assigned\",\"queue\":\"priority\",\"time\":\"2026-01-01T00:00:00Z\"}"));
        assertThat(a.type).isEqualTo(TicketEvent.ASSIGNED);
        assertThat(a.queue).isEqualTo("priority");
        assertThat(a.time).isEqualTo(1767225600000L);
        TicketEvent r =
                TicketEventParser.decode(
                        utf8("{\"ticket_id\":\"t1\",\"type\":\"RESOLVED\",\"time\":5}"));
        assertThat(r.type).isEqualTo(TicketEvent.RESOLVED);
    }

    @Test
    void anAssignmentWithoutAQueueOrAnUnknownTypeIsRefusedWithTheReason() {
        assertThatThrownBy(
                        () ->
                                TicketEventParser.decode(
                                        utf8(
                                                "{\"ticket_id\":\"t1\",\"type\":\"assigned\",\"time\":5}")))
                .hasMessage("field 'queue' must be a non-empty string");
        assertThatThrownBy(
                        () ->
                                TicketEventParser.decode(
                                        utf8(
                                                "{\"ticket_id\":\"t1\",\"type\":\"closed\",\"time\":5}")))
                .hasMessage("field 'type' must be assigned or resolved, was 'CLOSED'");
    }

    @Test
    void theSourceTakesAnEventsOwnTimeAndAnUnreadableOneNeverMovesTheWatermark() {
        TicketEventTime time = new TicketEventTime();
        assertThat(
                        time.extractTimestamp(
                                utf8("{\"ticket_id\":\"t1\",\"type\":\"resolved\",\"time\":5}"),
                                99))
                .isEqualTo(5);
        assertThat(time.extractTimestamp(utf8("{oops"), 99)).isEqualTo(Long.MIN_VALUE);
    }
}
