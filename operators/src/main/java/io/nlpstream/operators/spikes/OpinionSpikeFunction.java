package io.nlpstream.operators.spikes;

import io.nlpstream.schemas.SpikeAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per key, runs the spike detector on two series of its closed windows, volume and negative share,
 * and raises one alert when the key's opinion episode opens (either series fires) and one when it
 * closes (both are back). Only the key's non-overlapping windows (those starting at a multiple of
 * the window length) feed the detector; a window fired again by late records is not re-judged.
 *
 * <p>Event-time timers: while an episode is open, a window that saw no text counts as volume 0 and
 * ends a negative-share episode when the watermark passes its end, so a burst that simply stops
 * still resolves; a key silent for the detector's longest gap loses its state.
 */
public class OpinionSpikeFunction extends KeyedProcessFunction<String, KeyWindow, SpikeAlert> {
    private static final long serialVersionUID = 1L;
    public static final String VOLUME = "volume";
    public static final String NEGATIVE_SHARE = "negative_share";

    private final SpikeDetectorConfig volumeConfig;
    private final SpikeDetectorConfig shareConfig;
    private final boolean alertOnVolume;
    private transient SpikeDetector volumeDetector;
    private transient SpikeDetector shareDetector;
    private transient ValueState<SeriesState> volume;
    private transient ValueState<SeriesState> share;
    private transient Counter lateUpdates;
    private transient Counter windowsJudged;

    /**
     * @param config the detector's settings; its direction is UP for both series
     */
    public OpinionSpikeFunction(SpikeDetectorConfig config) {
        this(config, true);
    }

    /**
     * @param alertOnVolume false to alert on the negative share only (a sentiment fall); the volume
     *     is still followed, for the empty windows after a burst
     */
    public OpinionSpikeFunction(SpikeDetectorConfig config, boolean alertOnVolume) {
        this.volumeConfig = config.toBuilder().direction(Direction.UP).build();
        this.shareConfig = config.toBuilder().direction(Direction.UP).build();
        this.alertOnVolume = alertOnVolume;
    }

    /** Whether the key's episode is open: its negative share's, or its volume's too. */
    private boolean episodeOpen(SeriesState v, SeriesState s) {
        return (alertOnVolume && v.episodeOpen) || s.episodeOpen;
    }

    @Override
    public void open(OpenContext openContext) {
        volumeDetector = new SpikeDetector(volumeConfig);
        shareDetector = new SpikeDetector(shareConfig);
        volume =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("volume", SeriesState.class));
        share =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("negative-share", SeriesState.class));
        lateUpdates = getRuntimeContext().getMetricGroup().counter("lateWindowUpdates");
        windowsJudged = getRuntimeContext().getMetricGroup().counter("windowsJudged");
    }

    @Override
    public void processElement(KeyWindow window, Context ctx, Collector<SpikeAlert> out)
            throws Exception {
        long length = volumeConfig.windowMillis();
        if (Math.floorMod(window.windowStart, length) != 0
                || window.windowEnd - window.windowStart != length) {
            return;
        }
        SeriesState v = orNew(volume.value());
        SeriesState s = orNew(share.value());
        if (v.windows > 0 && window.windowStart < v.lastWindowEnd) {
            lateUpdates.inc();
            return;
        }
        windowsJudged.inc();
        List<String> examples = List.of(window.examples);
        boolean wasOpen = episodeOpen(v, s);
        List<Judged> events = new ArrayList<>();
        for (SpikeEvent e :
                volumeDetector.observe(
                        v,
                        SeriesObservation.count(
                                window.key,
                                window.windowStart,
                                window.windowEnd,
                                window.count,
                                examples))) {
            events.add(new Judged(VOLUME, e));
        }
        for (SpikeEvent e :
                shareDetector.observe(
                        s,
                        SeriesObservation.proportion(
                                window.key,
                                window.windowStart,
                                window.windowEnd,
                                window.negatives,
                                window.count,
                                examples))) {
            events.add(new Judged(NEGATIVE_SHARE, e));
        }
        volume.update(v);
        share.update(s);
        decide(wasOpen, episodeOpen(v, s), events, out);
        schedule(ctx, v, s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SpikeAlert> out)
            throws Exception {
        SeriesState v = volume.value();
        if (v == null) {
            return;
        }
        long length = volumeConfig.windowMillis();
        if (timestamp >= v.lastWindowEnd + volumeConfig.maxGapWindows() * length) {
            volume.clear();
            share.clear();
            return;
        }
        SeriesState s = orNew(share.value());
        if (timestamp == v.lastWindowEnd + length - 1 && (v.episodeOpen || s.episodeOpen)) {
            // the window that just closed had no text: volume 0, and no share to speak of
            boolean wasOpen = episodeOpen(v, s);
            String key = ctx.getCurrentKey();
            long end = v.lastWindowEnd + length;
            List<Judged> events = new ArrayList<>();
            for (SpikeEvent e :
                    volumeDetector.observe(
                            v, SeriesObservation.count(key, v.lastWindowEnd, end, 0, List.of()))) {
                events.add(new Judged(VOLUME, e));
            }
            for (SpikeEvent e : shareDetector.closeEpisode(s, key, end)) {
                events.add(new Judged(NEGATIVE_SHARE, e));
            }
            volume.update(v);
            share.update(s);
            decide(wasOpen, episodeOpen(v, s), events, out);
            schedule(ctx, v, s);
        }
    }

    /** An episode's next empty window while it is open, and the key's clean-up after its gap. */
    private void schedule(Context ctx, SeriesState v, SeriesState s) {
        long length = volumeConfig.windowMillis();
        if (v.episodeOpen || s.episodeOpen) {
            ctx.timerService().registerEventTimeTimer(v.lastWindowEnd + length - 1);
        }
        ctx.timerService()
                .registerEventTimeTimer(v.lastWindowEnd + volumeConfig.maxGapWindows() * length);
    }

    private void decide(
            boolean wasOpen, boolean isOpen, List<Judged> events, Collector<SpikeAlert> out) {
        SpikeEvent.Type wanted;
        if (!wasOpen && isOpen) {
            wanted = SpikeEvent.Type.FIRED;
        } else if (wasOpen && !isOpen) {
            wanted = SpikeEvent.Type.RESOLVED;
        } else {
            return;
        }
        events.stream()
                .filter(j -> j.event().type() == wanted)
                .filter(j -> alertOnVolume || !j.series().equals(VOLUME))
                .max(Comparator.comparingDouble(j -> j.event().score()))
                .ifPresent(j -> out.collect(SpikeAlerts.of(j.series(), j.event())));
    }

    private static SeriesState orNew(SeriesState state) {
        return state == null ? new SeriesState() : state;
    }

    private record Judged(String series, SpikeEvent event) {}
}
