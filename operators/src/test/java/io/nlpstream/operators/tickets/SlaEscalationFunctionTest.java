package io.nlpstream.operators.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.schemas.Alert;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlaEscalationFunctionTest {
    private static final long MINUTE = 60_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new SlaEscalationFunction(
                                        Map.of("priority", Duration.ofMinutes(15)),
                                        Duration.ofHours(4))),
                        e -> e.ticketId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(TicketEvent e) throws Exception {
        harness.processElement(e, e.time);
    }

    @Test
    void aTicketUnresolvedPastItsQueuesSlaEscalatesOnceAndLeavesNoState() throws Exception {
        send(TicketEvent.assigned("t1", "priority", 0));
        harness.processWatermark(15 * MINUTE - 2);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(15 * MINUTE);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getRecordId()).isEqualTo("t1");
                            assertThat(a.getRuleId()).isEqualTo("sla:priority");
                            assertThat(a.getTime()).isEqualTo(15 * MINUTE);
                        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aTicketResolvedInTimeNeverEscalatesAndLeavesNoState() throws Exception {
        send(TicketEvent.assigned("t1", "priority", 0));
        send(TicketEvent.resolved("t1", 10 * MINUTE));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aQueueWithoutItsOwnSlaGetsTheDefault() throws Exception {
        send(TicketEvent.assigned("t2", "general", 0));
        harness.processWatermark(4 * 60 * MINUTE - 2);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(4 * 60 * MINUTE);
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void aReassignedTicketRunsItsNewQueuesSlaFromTheReassignment() throws Exception {
        send(TicketEvent.assigned("t3", "general", 0));
        send(TicketEvent.assigned("t3", "priority", 60 * MINUTE));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(75 * MINUTE);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(a -> assertThat(a.getRuleId()).isEqualTo("sla:priority"));
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void ticketEventsAreFlinkPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TicketEvent.class);
    }
}
