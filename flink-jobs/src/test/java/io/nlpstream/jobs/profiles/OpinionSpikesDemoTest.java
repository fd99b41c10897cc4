package io.nlpstream.jobs.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.serving.datasets.LabelledText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpinionSpikesDemoTest {
    private static final long DAY = 86_400_000L;
    private static final long FROM = Instant.parse("2002-08-01T00:00:00Z").toEpochMilli();

    @Test
    void theMailsComeInEventTimeOrderWithTheBurstAtItsTimeAndUndatedOnesLeftOut() throws Exception {
        List<LabelledText> mails = new ArrayList<>();
        for (int i = 299; i >= 0; i--) {
            mails.add(
                    new LabelledText(
                            "m" + i,
                            "spam-1",
                            "text " + i,
                            i % 2 == 0 ? "spam" : "ham",
                            FROM + i * DAY / 10));
        }
        mails.add(new LabelledText("undated", "spam-1", "x", "spam", 0));

        OpinionSpikesDemo.Stream stream = OpinionSpikesDemo.build(mails, 1000, 4);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (byte[] r : stream.records()) {
            records.add(json.readTree(r));
        }
        assertThat(stream.mails()).isEqualTo(300);
        assertThat(records).hasSize(300 + OpinionSpikesDemo.BURST_TEXTS);
        assertThat(records).extracting(r -> r.get("time").asLong()).isSorted();
        assertThat(records.stream().filter(r -> r.get("id").asText().startsWith("burst-")))
                .hasSize(OpinionSpikesDemo.BURST_TEXTS)
                .allMatch(r -> r.get("key").asText().equals(OpinionSpikesDemo.BURST_KEY))
                .allMatch(r -> r.get("time").asLong() >= stream.burstStart());
        assertThat(Instant.ofEpochMilli(stream.burstStart()).toString()).endsWith("T10:00:00Z");
        assertThat(records)
                .filteredOn(r -> r.get("id").asText().equals("m7"))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.get("key").asText()).isEqualTo("ham");
                            assertThat(r.get("text").asText()).isEqualTo("text");
                        });
    }
}
