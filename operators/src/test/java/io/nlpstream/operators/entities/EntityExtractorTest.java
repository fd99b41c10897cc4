package io.nlpstream.operators.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.schemas.TextEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {
    private final Gazetteer gazetteer =
            new Gazetteer(Map.of("Acme Air", "ACA", "Acme", "ACME", "Globex Corp", "GBX"));
    private final EntityExtractor entities = new EntityExtractor(gazetteer, 5);

    private static TextEvent text(String text) {
        return TextEvent.newBuilder()
                .setId("1")
                .setText(text)
                .setEventTime(1)
                .setMetadata(new HashMap<>())
                .build();
    }

    @Test
    void cashtagsAndGazetteerNamesBecomeTickersEachOnce() {
        assertThat(entities.keys(text("$gbx up, GLOBEX CORP and acme both report; $ACME too")))
                .containsExactly("GBX", "ACME");
    }

    @Test
    void theLongestOfOverlappingNamesWinsAndOnlyWholeWordsMatch() {
        assertThat(entities.keys(text("Flew Acme Air today; Acmeville is a town")))
                .containsExactly("ACA");
    }

    @Test
    void itSurvivesSerialisationAsAnOperatorFieldDoes() throws Exception {
        EntityExtractor copy = InstantiationUtil.clone(entities);
        assertThat(copy.keys(text("acme"))).containsExactly("ACME");
    }

    @Test
    void aGazetteerEntryWithoutATickerIsRefused() {
        assertThatThrownBy(() -> new Gazetteer(Map.of("Acme", " ")))
                .hasMessage("gazetteer entry 'Acme' -> ' ' must name both");
    }
}
