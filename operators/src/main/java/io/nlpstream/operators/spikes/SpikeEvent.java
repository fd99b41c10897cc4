package io.nlpstream.operators.spikes;

import java.util.List;

/**
 * An alert of the spike detector. {@code FIRED} names the window that opened the episode; {@code
 * RESOLVED} names the episode's peak window and its span. {@code firedAt} is when the detector knew
 * (the end of the window that decided), so it never depends on later data.
 *
 * @param windowStart the window of the figures: the opening window (FIRED) or the peak (RESOLVED)
 * @param observed the count or share observed in that window
 * @param expected the baseline's forecast for that window, in the same unit
 * @param score standardised distance from the baseline, positive in the detector's direction
 * @param episodeStart the start of the episode's first window
 * @param episodeEnd the end of the episode's last window (RESOLVED), or of the opening window
 * @param windows the episode's windows so far
 */
public record SpikeEvent(
        Type type,
        String key,
        long firedAt,
        long windowStart,
        long windowEnd,
        double observed,
        double expected,
        double score,
        Severity severity,
        long episodeStart,
        long episodeEnd,
        int windows,
        List<String> examples) {

    /** Opening or closing of an episode. */
    public enum Type {
        FIRED,
        RESOLVED
    }

    public SpikeEvent {
        examples = examples == null ? List.of() : List.copyOf(examples);
    }
}
