package io.nlpstream.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shadow evaluator without labels: the label-free guard promotes a candidate that agrees with
 * the live model and rejects one whose ranking is inverted, whose class shares collapse or whose
 * estimated AUC falls, with the figures; labelled records, when they come, still decide by AUC.
 */
class ShadowEvaluatorLabelFreeTest {
    private static final long MINUTE = 60_000L;
    private static final PromotionPolicy POLICY = new PromotionPolicy(20, 60, 0.02, 10);
    private static final LabelFreeGuard GUARD =
            new LabelFreeGuard(100, 0.9, 0.2, 0.02, 10 * MINUTE);

    private KeyedTwoInputStreamOperatorTestHarness<String, LabelledScore, ModelUpdate, ModelUpdate>
            harness;
    private final Random random = new Random(3);

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new ShadowEvaluator(POLICY, GUARD)),
                        LabelledScore::modelIdKey,
                        ModelUpdate::getModelId,
                        Types.STRING);
        harness.open();
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /**
     * Both models score {@code n} unlabelled records; the candidate's score is a function of the
     * live one's.
     */
    private void scoreUnlabelled(int from, int n, DoubleUnaryOperator candidate) throws Exception {
        for (int i = from; i < from + n; i++) {
            double p = 1.0 / (1.0 + Math.exp(-2.0 * random.nextGaussian()));
            harness.processElement1(new StreamRecord<>(score("1", "e" + i, p, null)));
            harness.processElement1(
                    new StreamRecord<>(score("2", "e" + i, candidate.applyAsDouble(p), null)));
        }
    }

    private ModelUpdate onlyVerdict() {
        assertThat(harness.extractOutputValues()).hasSize(1);
        return harness.extractOutputValues().get(0);
    }

    @Test
    void aCandidateThatAgreesIsPromotedByTheGuard() throws Exception {
        startShadow();
        // A slightly sharper head that ranks the records as the live one does, with a little noise.
        scoreUnlabelled(0, 99, p -> sharpen(p, 1.2, 0.05));
        assertThat(harness.extractOutputValues()).as("100 pairs needed").isEmpty();
        scoreUnlabelled(99, 1, p -> sharpen(p, 1.2, 0.05));

        ModelUpdate verdict = onlyVerdict();
        assertThat(verdict.getCommand()).isEqualTo("PROMOTE");
        assertThat(verdict.getVersion()).isEqualTo("2");
        assertThat(verdict.getReason())
                .startsWith("label-free guard on 100 unlabelled records, classes [ham, spam]:")
                .contains("rank agreement with the live model 0.9");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anInvertedRankingIsRejectedWithItsAgreement() throws Exception {
        startShadow();
        scoreUnlabelled(0, 100, p -> 1 - p);

        ModelUpdate verdict = onlyVerdict();
        assertThat(verdict.getCommand()).isEqualTo("REJECT");
        assertThat(verdict.getReason())
                .contains("rank agreement with the live model -1.000 (least 0.90)");
    }

    @Test
    void collapsedClassSharesAreRejectedWithTheShares() throws Exception {
        startShadow();
        // The same ranking, but every record is now spam: self-training let one class swallow the
        // other.
        scoreUnlabelled(0, 100, p -> 0.5 + p / 2.01);

        ModelUpdate verdict = onlyVerdict();
        assertThat(verdict.getCommand()).isEqualTo("REJECT");
        assertThat(verdict.getReason())
                .contains("rank agreement with the live model 1.000")
                .contains("predicted class shares [0.000, 1.000]");
    }

    @Test
    void aFallingEstimatedAucIsRejectedWithBothEstimates() throws Exception {
        startShadow();
        // Same ranking and same predicted classes, but hardly any confidence left.
        scoreUnlabelled(0, 100, p -> 0.5 + (p - 0.5) * 0.05);

        ModelUpdate verdict = onlyVerdict();
        assertThat(verdict.getCommand()).isEqualTo("REJECT");
        assertThat(verdict.getReason())
                .contains("rank agreement with the live model 1.000")
                .containsPattern("estimated AUC 0\\.5\\d{3} vs live 0\\.[6-9]\\d{3}");
    }

    @Test
    void whenLabelsArriveTheLabelledComparisonDecides() throws Exception {
        startShadow();
        // A labelled record of the model came a minute ago: labels flow.
        harness.processElement1(new StreamRecord<>(score("1", "x", 0.7, "spam")));
        harness.setProcessingTime(MINUTE);
        // Unlabelled, the candidate agrees with the live model and would pass the guard...
        scoreUnlabelled(0, 200, p -> p);
        assertThat(harness.extractOutputValues()).as("labels flow: the guard waits").isEmpty();
        // ...but on the labelled records it is worse, and that decides.
        for (int i = 0; i < 20; i++) {
            boolean spam = i % 2 == 0;
            String label = spam ? "spam" : "ham";
            harness.processElement1(
                    new StreamRecord<>(score("1", "l" + i, spam ? 0.9 : 0.1, label)));
            harness.processElement1(
                    new StreamRecord<>(score("2", "l" + i, spam ? 0.3 : 0.7, label)));
        }
        ModelUpdate verdict = onlyVerdict();
        assertThat(verdict.getCommand()).isEqualTo("REJECT");
        assertThat(verdict.getReason())
                .startsWith("candidate AUC 0.0000 vs live 1.0000 on 20 fed-back records");
    }

    @Test
    void labelsThatStoppedHandTheVerdictToTheGuard() throws Exception {
        harness.processElement1(new StreamRecord<>(score("1", "x", 0.7, "spam")));
        startShadow();
        harness.setProcessingTime(MINUTE);
        scoreUnlabelled(0, 100, p -> 1 - p);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(10 * MINUTE);
        scoreUnlabelled(100, 1, p -> 1 - p); // the next record finds labels absent
        assertThat(onlyVerdict().getCommand()).isEqualTo("REJECT");
    }

    @Test
    void withoutAGuardUnlabelledRecordsAreIgnored() throws Exception {
        harness.close();
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new ShadowEvaluator(POLICY)),
                        LabelledScore::modelIdKey,
                        ModelUpdate::getModelId,
                        Types.STRING);
        harness.open();
        startShadow();
        long before = harness.numKeyedStateEntries();
        scoreUnlabelled(0, 300, p -> 1 - p);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(before);
    }

    /** A sharper (or flatter) version of p, with some noise on the logit. */
    private double sharpen(double p, double factor, double noise) {
        double z = Math.log(p / (1 - p)) * factor + noise * random.nextGaussian();
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private void startShadow() throws Exception {
        harness.processElement2(
                new StreamRecord<>(
                        ModelUpdate.newBuilder()
                                .setCommand("SHADOW_STARTED")
                                .setModelId("spam-filter")
                                .setVersion("2")
                                .setBundleUri("/bundles/spam-filter-2")
                                .setReason("test")
                                .setTime(0L)
                                .build()));
    }

    private static LabelledScore score(String version, String id, double pSpam, String label) {
        LabelledScore s = new LabelledScore();
        s.id = id;
        s.modelId = "spam-filter";
        s.modelVersion = version;
        s.predictedLabel = pSpam >= 0.5 ? "spam" : "ham";
        s.trueLabel = label;
        s.confidence = Math.max(pSpam, 1 - pSpam);
        s.scores = new HashMap<>(Map.of("spam", pSpam, "ham", 1 - pSpam));
        return s;
    }
}
