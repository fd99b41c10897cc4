package io.nlpstream.jobs.profiles;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/** The ticket lifecycle: each queue's SLA, and the SLA of the others. */
public record TicketSettings(Map<String, Duration> slaByQueue, Duration defaultSla)
        implements Serializable {

    public static TicketSettings fromOptions(Configuration options) {
        Map<String, Duration> sla = new HashMap<>();
        options.get(ProfileOptions.TICKET_SLA_MS)
                .forEach(
                        (queue, ms) ->
                                sla.put(
                                        queue.strip(),
                                        Duration.ofMillis(Long.parseLong(ms.strip()))));
        return new TicketSettings(
                Map.copyOf(sla),
                Duration.ofMillis(options.get(ProfileOptions.TICKET_DEFAULT_SLA_MS)));
    }
}
