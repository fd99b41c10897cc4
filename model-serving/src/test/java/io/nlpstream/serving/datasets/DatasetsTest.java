package io.nlpstream.serving.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    private final Datasets datasets = Datasets.fromDefaultCache();

    @Test
    void uciSourcesHoldAThousandBalancedSentencesEach() {
        for (String source : Datasets.UCI_SOURCES) {
            List<LabelledText> texts = datasets.uciSentiment(source);
            assertThat(texts).hasSize(1000);
            assertThat(counts(texts))
                    .containsEntry("positive", 500L)
                    .containsEntry("negative", 500L);
            assertThat(texts)
                    .allSatisfy(
                            t -> {
                                assertThat(t.source()).isEqualTo(source);
                                assertThat(t.text())
                                        .isNotBlank()
                                        .doesNotContainPattern("[\\u0080-\\u009F]");
                            });
        }
        assertThat(datasets.uciSentiment("amazon").get(1).text())
                .isEqualTo("Good case, Excellent value.");
        assertThat(datasets.uciSentiment("amazon").get(1).label()).isEqualTo("positive");
    }

    @Test
    void spamAssassinGroupsHaveTheirKnownSizesAndQueues() {
        Map<String, Integer> sizes =
                Map.of(
                        "easy-ham-1",
                        2500,
                        "easy-ham-2",
                        1400,
                        "hard-ham-1",
                        250,
                        "spam-1",
                        500,
                        "spam-2",
                        1396);
        int total = 0;
        for (String group : Datasets.SPAM_ASSASSIN_GROUPS) {
            List<LabelledText> texts = datasets.spamAssassin(group);
            assertThat(texts).hasSize(sizes.get(group));
            assertThat(texts)
                    .extracting(LabelledText::label)
                    .containsOnly(Datasets.routingQueue(group));
            total += texts.size();
        }
        assertThat(total).isEqualTo(6046);
        LabelledText first = datasets.spamAssassin("spam-1").get(0);
        assertThat(first.text()).startsWith("Subject: Life Insurance - Why Pay More?");
        assertThat(Instant.ofEpochMilli(first.time()))
                .isEqualTo(Instant.parse("2002-08-22T13:17:22Z"));
    }

    @Test
    void missingCacheNamesTheFetchScript(@TempDir Path empty) {
        assertThatThrownBy(() -> new Datasets(empty).uciSentiment("yelp"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run bin/fetch-datasets")
                .hasMessageContaining(empty.toString());
    }

    @Test
    void unknownPartsAreRejected() {
        assertThatThrownBy(() -> datasets.uciSentiment("twitter"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown UCI source twitter; expected one of [amazon, yelp, imdb]");
    }

    @Test
    void c1PunctuationIsRepaired() {
        assertThat(Datasets.repairC1("perfect \u0096 a true")).isEqualTo("perfect \u2013 a true");
        assertThat(Datasets.repairC1("script is\u0085was")).isEqualTo("script is\u2026was");
    }

    private static Map<String, Long> counts(List<LabelledText> texts) {
        return texts.stream()
                .collect(Collectors.groupingBy(LabelledText::label, Collectors.counting()));
    }
}
