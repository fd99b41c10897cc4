package io.nlpstream.jobs.profiles;

import io.nlpstream.operators.routing.RoutingTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * Which profile runs, its event time, the routing table of the rule engine, and the settings of the
 * operators the profile switches on.
 */
public record ProfileSettings(
        Profile profile,
        EventTime eventTime,
        RoutingTable routingTable,
        OpinionSpikeSettings opinion,
        TicketSettings tickets,
        Map<String, String> gazetteer) {

    /**
     * The rules the rule engine starts with: the profile's starter rules, so that they decide from
     * the first text (their copies on the rules topic may arrive after it); none without a profile.
     */
    public List<byte[]> startingRules() {
        return profile == Profile.NONE ? List.of() : ProfileDefaults.rules(profile);
    }

    /** No profile: the plain pipeline. */
    public static ProfileSettings none() {
        return new ProfileSettings(Profile.NONE, null, RoutingTable.empty(), null, null, Map.of());
    }

    public static ProfileSettings fromOptions(Configuration options) {
        Profile profile = Profile.of(options.get(ProfileOptions.PROFILE));
        RoutingTable routing =
                RoutingTable.parse(
                        options.get(ProfileOptions.ROUTING_TABLE),
                        options.get(ProfileOptions.ROUTING_PRIORITIES));
        if (profile == Profile.NONE) {
            return new ProfileSettings(Profile.NONE, null, routing, null, null, Map.of());
        }
        EventTime eventTime =
                new EventTime(
                        Duration.ofMillis(options.get(ProfileOptions.MAX_OUT_OF_ORDERNESS_MS)),
                        Duration.ofMillis(options.get(ProfileOptions.IDLE_TIMEOUT_MS)));
        return new ProfileSettings(
                profile,
                eventTime,
                routing,
                profile == Profile.TICKET_ROUTING
                        ? null
                        : OpinionSpikeSettings.fromOptions(options),
                profile == Profile.TICKET_ROUTING ? TicketSettings.fromOptions(options) : null,
                Map.copyOf(options.get(ProfileOptions.GAZETTEER)));
    }
}
