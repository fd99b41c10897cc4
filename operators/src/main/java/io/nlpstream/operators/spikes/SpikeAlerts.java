package io.nlpstream.operators.spikes;

import io.nlpstream.schemas.SpikeAlert;

/** Builds the {@link SpikeAlert} record of a detector's event. */
public final class SpikeAlerts {
    private SpikeAlerts() {}

    public static SpikeAlert of(String series, SpikeEvent event) {
        return SpikeAlert.newBuilder()
                .setId(
                        event.key()
                                + "/"
                                + series
                                + "/"
                                + event.type().name()
                                + "/"
                                + event.windowStart())
                .setKey(event.key())
                .setSeries(series)
                .setType(event.type().name())
                .setWindowStart(event.windowStart())
                .setWindowEnd(event.windowEnd())
                .setObserved(event.observed())
                .setExpected(event.expected())
                .setScore(event.score())
                .setSeverity(event.severity().name())
                .setExamples(event.examples())
                .setEpisodeStart(event.episodeStart())
                .setEpisodeEnd(event.episodeEnd())
                .setFiredAt(event.firedAt())
                .build();
    }
}
