package io.nlpstream.operators.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The opinion-spikes profile keys a text by the JSON input's top-level {@code key}. */
class TextEventDecoderKeyTest {
    private final TextEventDecoder decoder = new TextEventDecoder(10_000);

    private static RawRecord raw(String json) {
        return new RawRecord("texts", 0, 7, 1_000, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTopLevelKeyIsKeptInTheMetadata() throws Exception {
        var event = decoder.decode(raw("{\"text\": \"late again\", \"key\": \"acme-air\"}"));
        assertThat(event.getMetadata()).containsEntry("key", "acme-air");
    }

    @Test
    void withoutAKeyTheMetadataIsAsSent() throws Exception {
        var event =
                decoder.decode(
                        raw("{\"text\": \"late again\", \"metadata\": {\"tier\": \"gold\"}}"));
        assertThat(event.getMetadata()).containsOnlyKeys("tier");
    }
}
