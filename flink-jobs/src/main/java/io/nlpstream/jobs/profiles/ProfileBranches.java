package io.nlpstream.jobs.profiles;

import io.nlpstream.jobs.Sources;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.entities.EntityExtractor;
import io.nlpstream.operators.entities.EntitySentiments;
import io.nlpstream.operators.entities.Gazetteer;
import io.nlpstream.operators.entities.KeyExtractor;
import io.nlpstream.operators.entities.KeyedText;
import io.nlpstream.operators.entities.KeyedTexts;
import io.nlpstream.operators.entities.TextKeys;
import io.nlpstream.operators.spikes.KeyWindow;
import io.nlpstream.operators.spikes.KeyWindowFunction;
import io.nlpstream.operators.spikes.LateTexts;
import io.nlpstream.operators.spikes.OpinionSpikeFunction;
import io.nlpstream.operators.spikes.WindowTally;
import io.nlpstream.operators.tickets.SlaEscalationFunction;
import io.nlpstream.operators.tickets.TicketEvent;
import io.nlpstream.operators.tickets.TicketEventParser;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.EntitySentiment;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.SpikeAlert;
import io.nlpstream.schemas.TextEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The branches a profile adds to the pipeline: derived streams (alerts, series) computed from the
 * scored texts, next to each record's own outcome, never instead of it.
 */
public final class ProfileBranches {
    /** Keyed texts that came after their windows closed: counted ({@link LateTexts}). */
    private static final OutputTag<KeyedText> LATE_TEXTS =
            new OutputTag<>("late-texts", TypeInformation.of(KeyedText.class));

    private ProfileBranches() {}

    /** The derived streams of the profile the settings choose; none for the plain pipeline. */
    public static ProfileStreams attach(
            ProfileSettings settings, DataStream<ScoredEvent> scored, Sources sources) {
        return switch (settings.profile()) {
            case NONE -> ProfileStreams.none();
            case OPINION_SPIKES ->
                    new ProfileStreams(opinionSpikes(settings, scored), null, null, null);
            case TICKET_ROUTING -> ticketEscalations(settings, sources);
            case FINANCIAL_SENTIMENT -> financialSentiment(settings, scored);
        };
    }

    /**
     * The ticket lifecycle in event time, from the ticket-events topic (whose Kafka source assigns
     * the watermarks from each event's time): a ticket assigned and not resolved within its queue's
     * SLA is escalated (an alert); unreadable events are dead letters.
     */
    static ProfileStreams ticketEscalations(ProfileSettings settings, Sources sources) {
        if (sources.ticketEvents() == null) {
            throw new IllegalStateException(
                    "the ticket-routing profile needs the ticket-events source");
        }
        SingleOutputStreamOperator<TicketEvent> events =
                sources.ticketEvents()
                        .process(new TicketEventParser(), TypeInformation.of(TicketEvent.class))
                        .name("ticket event parser")
                        .uid("ticket-event-parser")
                        // chained to its one source reader: a ticket's events stay in order
                        .setParallelism(1);
        // event time and watermarks come from the Kafka source, per partition (Sources)
        DataStream<Alert> escalations =
                events.keyBy(e -> e.ticketId, Types.STRING)
                        .process(
                                new SlaEscalationFunction(
                                        settings.tickets().slaByQueue(),
                                        settings.tickets().defaultSla()),
                                TypeInformation.of(Alert.class))
                        .name("sla escalation")
                        .uid("sla-escalation");
        return new ProfileStreams(
                null, null, escalations, events.getSideOutput(OutputTags.DEAD_LETTERS));
    }

    /**
     * Each scored text, in event time, counted for every key it is about; per key and window the
     * volume and negative share, judged against the key's own baseline.
     *
     * <p>Event time is (re)assigned here from each text's {@code time}: the micro-batch inference
     * operator emits its results without the source's timestamps.
     */
    static DataStream<SpikeAlert> opinionSpikes(
            ProfileSettings settings, DataStream<ScoredEvent> scored) {
        OpinionSpikeSettings opinion = settings.opinion();
        DataStream<KeyWindow> windows =
                keyWindows("opinion", settings, scored, new KeyExtractor(opinion.maxKeysPerText()));
        return windows.keyBy(w -> w.key, Types.STRING)
                .process(
                        new OpinionSpikeFunction(opinion.detector()),
                        TypeInformation.of(SpikeAlert.class))
                .name("opinion spike detector")
                .uid("opinion-spikes");
    }

    /**
     * Each scored text, in event time, counted for every company it names (cashtags, gazetteer);
     * per entity and window its count, mean sentiment and negative share, and an alert when its
     * negative share rises far above its own baseline (its sentiment falls).
     */
    static ProfileStreams financialSentiment(
            ProfileSettings settings, DataStream<ScoredEvent> scored) {
        OpinionSpikeSettings windowsAndDetector = settings.opinion();
        DataStream<KeyWindow> windows =
                keyWindows(
                        "entity",
                        settings,
                        scored,
                        new EntityExtractor(
                                new Gazetteer(settings.gazetteer()),
                                windowsAndDetector.maxKeysPerText()));
        DataStream<EntitySentiment> series =
                windows.map(EntitySentiments::of, TypeInformation.of(EntitySentiment.class))
                        .name("entity sentiment series")
                        .uid("entity-sentiment-series");
        DataStream<SpikeAlert> falls =
                windows.keyBy(w -> w.key, Types.STRING)
                        .process(
                                new OpinionSpikeFunction(windowsAndDetector.detector(), false),
                                TypeInformation.of(SpikeAlert.class))
                        .name("entity sentiment fall detector")
                        .uid("entity-sentiment-falls");
        return new ProfileStreams(falls, series, null, null);
    }

    /**
     * The parsed texts in event time when a profile is on: each text's own {@code time}, with
     * watermarks from the source side, so that an input's idleness is judged where texts enter. The
     * inference operator keeps the timestamps and holds each watermark until the texts before it
     * have been scored. Without a profile nothing needs event time and the texts pass as they are.
     */
    public static DataStream<TextEvent> inEventTime(
            ProfileSettings settings, SingleOutputStreamOperator<TextEvent> texts) {
        if (settings.profile() == Profile.NONE) {
            return texts;
        }
        return texts.assignTimestampsAndWatermarks(
                        settings.eventTime().<TextEvent>strategy((e, previous) -> e.getEventTime()))
                .name("event time")
                .uid("event-time");
    }

    /**
     * The scored texts (in event time, see {@link #inEventTime}), one per key they are about,
     * tallied per key and event-time window.
     */
    private static DataStream<KeyWindow> keyWindows(
            String name, ProfileSettings settings, DataStream<ScoredEvent> scored, TextKeys keys) {
        OpinionSpikeSettings opinion = settings.opinion();
        DataStream<KeyedText> keyed =
                scored.process(
                                new KeyedTexts(keys, opinion.negativeLabel()),
                                TypeInformation.of(KeyedText.class))
                        .name(name + " keys")
                        .uid(name + "-keys");
        return tallies(name, opinion, keyed);
    }

    /**
     * Per key and event-time window: count, negatives, sentiment and examples. A text later than
     * the allowed lateness is left out of the windows and counted ({@link LateTexts}).
     */
    static SingleOutputStreamOperator<KeyWindow> tallies(
            String name, OpinionSpikeSettings opinion, DataStream<KeyedText> keyed) {
        SingleOutputStreamOperator<KeyWindow> windows =
                keyed.keyBy(t -> t.key, Types.STRING)
                        .window(SlidingEventTimeWindows.of(opinion.size(), opinion.slide()))
                        .allowedLateness(opinion.allowedLateness())
                        .sideOutputLateData(LATE_TEXTS)
                        .aggregate(
                                new WindowTally(),
                                new KeyWindowFunction(),
                                TypeInformation.of(KeyWindow.class),
                                TypeInformation.of(KeyWindow.class),
                                TypeInformation.of(KeyWindow.class))
                        .name(name + " windows")
                        .uid(name + "-windows");
        windows.getSideOutput(LATE_TEXTS)
                .process(new LateTexts(), Types.VOID)
                .name(name + " late texts")
                .uid(name + "-late-texts");
        return windows;
    }
}
