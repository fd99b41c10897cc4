package io.nlpstream.operators.entities;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.schemas.TextEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyExtractorTest {
    private final KeyExtractor keys = new KeyExtractor(3);

    private static TextEvent text(String text, Map<String, String> metadata) {
        return TextEvent.newBuilder()
                .setId("1")
                .setText(text)
                .setEventTime(1)
                .setMetadata(new HashMap<>(metadata))
                .build();
    }

    @Test
    void anExplicitKeyWinsOverWhatTheTextNames() {
        assertThat(keys.keys(text("$AAPL #fail", Map.of("key", " Acme Air "))))
                .containsExactly("Acme Air");
    }

    @Test
    void cashtagsAndHashtagsAreFoundOnceEachInOrder() {
        assertThat(keys.keys(text("$aapl and #Fail, again $AAPL #fail", Map.of())))
                .containsExactly("$AAPL", "#fail");
    }

    @Test
    void pricesUrlsAndWordInnerSignsAreNoKeys() {
        assertThat(keys.keys(text("costs $5, see http://x.org/#top or C# or a$b", Map.of())))
                .isEmpty();
    }

    @Test
    void aTextCountsForAtMostTheConfiguredNumberOfKeys() {
        assertThat(keys.keys(text("#a1 #b2 #c3 #d4", Map.of())))
                .containsExactly("#a1", "#b2", "#c3");
    }
}
