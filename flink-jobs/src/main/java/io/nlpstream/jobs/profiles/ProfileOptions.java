package io.nlpstream.jobs.profiles;

import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of the profiles and of event time; a profile's file sets its own defaults. */
public final class ProfileOptions {
    private ProfileOptions() {}

    public static final ConfigOption<String> PROFILE =
            ConfigOptions.key("job.profile")
                    .stringType()
                    .defaultValue(Profile.NONE.id())
                    .withDescription(
                            "Which profile of the job runs: none, opinion-spikes, ticket-routing or"
                                    + " financial-sentiment. A profile brings its options, starter"
                                    + " rules and head, and switches its operators on.");

    public static final ConfigOption<Long> MAX_OUT_OF_ORDERNESS_MS =
            ConfigOptions.key("event-time.max-out-of-orderness-ms")
                    .longType()
                    .defaultValue(5_000L)
                    .withDescription(
                            "How far behind the latest event time a record may arrive and still be on"
                                    + " time: the watermark trails the largest 'time' seen by this much.");

    public static final ConfigOption<Long> IDLE_TIMEOUT_MS =
            ConfigOptions.key("event-time.idle-timeout-ms")
                    .longType()
                    .defaultValue(60_000L)
                    .withDescription(
                            "A partition (or subtask) without records for this long (wall clock) is"
                                    + " idle and no longer holds the watermark back.");

    public static final ConfigOption<Long> WINDOW_SIZE_MS =
            ConfigOptions.key("spikes.window-size-ms")
                    .longType()
                    .defaultValue(3_600_000L)
                    .withDescription("Length of the event-time windows per key.");

    public static final ConfigOption<Long> WINDOW_SLIDE_MS =
            ConfigOptions.key("spikes.window-slide-ms")
                    .longType()
                    .defaultValue(0L)
                    .withDescription(
                            "How often a window starts; 0 = the window size (tumbling). Must divide the"
                                    + " size. The detector judges the non-overlapping windows.");

    public static final ConfigOption<Long> ALLOWED_LATENESS_MS =
            ConfigOptions.key("spikes.allowed-lateness-ms")
                    .longType()
                    .defaultValue(60_000L)
                    .withDescription(
                            "A record this late (behind the watermark) still updates its window's"
                                    + " counts; a later one is left out of the windows and counted"
                                    + " as late (counter lateTexts, one per key of the text); the"
                                    + " text's own decision is unaffected.");

    public static final ConfigOption<String> NEGATIVE_LABEL =
            ConfigOptions.key("spikes.negative-label")
                    .stringType()
                    .defaultValue("negative")
                    .withDescription("The model's label that counts as negative opinion.");

    public static final ConfigOption<Integer> MAX_KEYS_PER_TEXT =
            ConfigOptions.key("spikes.max-keys-per-text")
                    .intType()
                    .defaultValue(5)
                    .withDescription("The most keys (tags, entities) one text is counted for.");

    public static final ConfigOption<Integer> WARMUP_WINDOWS =
            ConfigOptions.key("spikes.warmup-windows")
                    .intType()
                    .defaultValue(24)
                    .withDescription("Windows a key must have before it can alert.");

    public static final ConfigOption<Double> FIRE_SCORE =
            ConfigOptions.key("spikes.fire-score")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription(
                            "Score (standardised distance from the baseline) that alerts.");

    public static final ConfigOption<Double> MIN_COUNT =
            ConfigOptions.key("spikes.min-count")
                    .doubleType()
                    .defaultValue(10.0)
                    .withDescription("Smallest window count that can be a volume spike.");

    public static final ConfigOption<Long> MIN_TRIALS =
            ConfigOptions.key("spikes.min-trials")
                    .longType()
                    .defaultValue(20L)
                    .withDescription("Fewest texts in a window for its negative share to alert.");

    public static final ConfigOption<String> ROUTING_TABLE =
            ConfigOptions.key("routing.table")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "The queue of each final label when no rule chose one, label=queue[,...]"
                                    + " (e.g. ham=general,spam=abuse); empty = the default path.");

    public static final ConfigOption<String> ROUTING_PRIORITIES =
            ConfigOptions.key("routing.priorities")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "The priority of each queue, queue=priority[,...] (e.g. priority=urgent,"
                                    + "general=normal), written with every prediction routed there, by the"
                                    + " table or by a rule; empty = none.");

    public static final ConfigOption<Map<String, String>> TICKET_SLA_MS =
            ConfigOptions.key("tickets.sla-ms")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Each queue's SLA in milliseconds, queue:ms[,...]: an assigned ticket not"
                                    + " resolved within it is escalated (an alert).");

    public static final ConfigOption<Long> TICKET_DEFAULT_SLA_MS =
            ConfigOptions.key("tickets.default-sla-ms")
                    .longType()
                    .defaultValue(86_400_000L)
                    .withDescription("The SLA of a queue without its own.");

    public static final ConfigOption<Map<String, String>> GAZETTEER =
            ConfigOptions.key("entities.gazetteer")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Company names and aliases and their tickers, name:TICKER[,...] (e.g."
                                    + " 'Acme Corp:ACME,Acme:ACME'); matched as whole words in any case.");
}
