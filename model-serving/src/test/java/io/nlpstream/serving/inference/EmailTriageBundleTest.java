package io.nlpstream.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.Classification;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.testutils.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailTriageBundleTest {

    @Test
    void routesRealSpamAndHamToTheirQueues() {
        Datasets datasets = Datasets.fromDefaultCache();
        List<LabelledText> mails = new ArrayList<>();
        for (String group : List.of("spam-2", "easy-ham-2")) {
            List<LabelledText> all = datasets.spamAssassin(group);
            mails.addAll(all.subList(all.size() - 15, all.size()));
        }
        List<String> texts =
                mails.stream()
                        .map(m -> m.text().substring(0, Math.min(1000, m.text().length())))
                        .toList();

        List<Classification> out = TestModels.classifier("email-triage").classify(texts);

        int correct = 0;
        for (int i = 0; i < mails.size(); i++) {
            correct += out.get(i).label().equals(mails.get(i).label()) ? 1 : 0;
            assertThat(out.get(i).scores()).containsOnlyKeys("ham", "hard-ham", "spam");
        }
        assertThat(correct).isGreaterThanOrEqualTo(26);
    }
}
