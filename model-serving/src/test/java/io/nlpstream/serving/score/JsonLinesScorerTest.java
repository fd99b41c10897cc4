package io.nlpstream.serving.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.serving.testutils.TestModels;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesScorerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void plainLinesGetOneResultEachInOrderWithErrorsInPlace() throws Exception {
        String input =
                "What a great little gadget.\n\nHorrible customer service.\nbad \u0001 byte\n";
        List<JsonNode> out = score(input, false, 2);
        assertThat(out).hasSize(4);
        assertThat(out.get(0).get("label").asText()).isEqualTo("positive");
        assertThat(out.get(0).get("scores").size()).isEqualTo(2);
        assertThat(out.get(0).get("chunks").asInt()).isEqualTo(1);
        assertThat(out.get(1).get("error").asText()).startsWith("EMPTY");
        assertThat(out.get(2).get("label").asText()).isEqualTo("negative");
        assertThat(out.get(3).get("error").asText()).startsWith("INVALID_CHARACTERS");
    }

    @Test
    void jsonLinesKeepIdsAndReportBadLines() throws Exception {
        String input =
                "{\"id\":\"a\",\"text\":\"Loved every minute.\"}\n"
                        + "not json\n"
                        + "{\"id\":\"c\",\"body\":\"no text field\"}\n"
                        + "{\"text\":\"Dreadful and boring.\"}\n";
        List<JsonNode> out = score(input, true, 32);
        assertThat(out).hasSize(4);
        assertThat(out.get(0).get("id").asText()).isEqualTo("a");
        assertThat(out.get(0).get("label").asText()).isEqualTo("positive");
        assertThat(out.get(1).get("error").asText()).startsWith("INVALID_JSON");
        assertThat(out.get(2).get("id").asText()).isEqualTo("c");
        assertThat(out.get(2).get("error").asText()).startsWith("MISSING_TEXT");
        assertThat(out.get(3).has("id")).isFalse();
        assertThat(out.get(3).get("label").asText()).isEqualTo("negative");
    }

    private static List<JsonNode> score(String input, boolean jsonl, int batch) throws Exception {
        StringWriter out = new StringWriter();
        long lines =
                new JsonLinesScorer(TestModels.sentiment(), batch, jsonl)
                        .score(
                                new BufferedReader(new StringReader(input)),
                                new PrintWriter(out),
                                new PrintWriter(new StringWriter()));
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        assertThat(lines).isEqualTo(nodes.size());
        return nodes;
    }
}
