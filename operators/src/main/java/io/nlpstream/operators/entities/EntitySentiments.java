package io.nlpstream.operators.entities;

import io.nlpstream.operators.spikes.KeyWindow;
import io.nlpstream.schemas.EntitySentiment;

/** Turns an entity's closed window into its point of the sentiment time series. */
public final class EntitySentiments {
    private EntitySentiments() {}

    public static EntitySentiment of(KeyWindow w) {
        return EntitySentiment.newBuilder()
                .setEntity(w.key)
                .setWindowStart(w.windowStart)
                .setWindowEnd(w.windowEnd)
                .setCount(w.count)
                .setMeanSentiment(w.count == 0 ? 0 : w.sentimentSum / w.count)
                .setNegativeShare(w.count == 0 ? 0 : (double) w.negatives / w.count)
                .build();
    }
}
