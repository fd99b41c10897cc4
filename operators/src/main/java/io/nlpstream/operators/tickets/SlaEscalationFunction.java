package io.nlpstream.operators.tickets;

import io.nlpstream.schemas.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per ticket: when it is assigned, an event-time timer at the assignment time plus its queue's SLA;
 * resolved before, the state and the timer go; still open when the watermark passes the deadline,
 * one escalation alert, and the state goes too. A ticket reassigned starts its new queue's SLA.
 */
public class SlaEscalationFunction extends KeyedProcessFunction<String, TicketEvent, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String RULE_ID = "sla";

    private final HashMap<String, Long> slaMillisByQueue;
    private final long defaultSlaMillis;
    private transient ValueState<TicketEvent> open;
    private transient Counter escalations;

    /**
     * @param slaByQueue each queue's SLA; other queues get {@code defaultSla}
     */
    public SlaEscalationFunction(Map<String, Duration> slaByQueue, Duration defaultSla) {
        this.slaMillisByQueue = new HashMap<>();
        slaByQueue.forEach((q, d) -> slaMillisByQueue.put(q, d.toMillis()));
        this.defaultSlaMillis = defaultSla.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        open =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("open-ticket", TicketEvent.class));
        escalations = getRuntimeContext().getMetricGroup().counter("ticketsEscalated");
    }

    private long deadline(TicketEvent assigned) {
        return assigned.time + slaMillisByQueue.getOrDefault(assigned.queue, defaultSlaMillis);
    }

    @Override
    public void processElement(TicketEvent event, Context ctx, Collector<Alert> out)
            throws Exception {
        TicketEvent current = open.value();
        if (current != null) {
            ctx.timerService().deleteEventTimeTimer(deadline(current));
        }
        if (TicketEvent.RESOLVED.equals(event.type)) {
            open.clear();
            return;
        }
        open.update(event);
        ctx.timerService().registerEventTimeTimer(deadline(event));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TicketEvent current = open.value();
        if (current == null || deadline(current) != timestamp) {
            return;
        }
        escalations.inc();
        Duration sla = Duration.ofMillis(timestamp - current.time);
        out.collect(
                Alert.newBuilder()
                        .setId(current.ticketId + "/" + RULE_ID + "/" + timestamp)
                        .setRecordId(current.ticketId)
                        .setRuleId(RULE_ID + ":" + current.queue)
                        .setSeverity("CRITICAL")
                        .setMessage(
                                "ticket "
                                        + current.ticketId
                                        + " in queue '"
                                        + current.queue
                                        + "' unresolved "
                                        + sla
                                        + " after its assignment at "
                                        + Instant.ofEpochMilli(current.time)
                                        + ": escalated")
                        .setSource("ticket-events")
                        .setLabel(null)
                        .setTime(timestamp)
                        .build());
        open.clear();
    }
}
