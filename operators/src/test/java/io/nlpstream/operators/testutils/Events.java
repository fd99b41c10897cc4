package io.nlpstream.operators.testutils;

import io.nlpstream.schemas.TextEvent;
import java.util.HashMap;

/** Small factory for TextEvents in tests. */
public final class Events {
    private Events() {}

    public static TextEvent event(String id, String text) {
        return TextEvent.newBuilder()
                .setId(id)
                .setSource("test")
                .setText(text)
                .setEventTime(1_000L)
                .setIngestTime(1_000L)
                .setMetadata(new HashMap<>())
                .build();
    }
}
