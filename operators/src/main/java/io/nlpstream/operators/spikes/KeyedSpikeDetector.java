package io.nlpstream.operators.spikes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The spike detector over many keys in one process (the backtest): one state per key. */
public final class KeyedSpikeDetector {
    private final SpikeDetector detector;
    private final Map<String, SeriesState> states = new HashMap<>();

    public KeyedSpikeDetector(SpikeDetectorConfig config) {
        this.detector = new SpikeDetector(config);
    }

    /** See {@link SpikeDetector#observe}. */
    public List<SpikeEvent> observe(SeriesObservation window) {
        return detector.observe(
                states.computeIfAbsent(window.key(), k -> new SeriesState()), window);
    }

    /** The key's state, or null when it has had no window. */
    public SeriesState state(String key) {
        return states.get(key);
    }

    public SpikeDetector detector() {
        return detector;
    }
}
