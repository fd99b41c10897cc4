package io.nlpstream.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.drift.detectors.LabelFreeTrigger;
import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.metrics.WindowPolicy;
import io.nlpstream.drift.testutils.Records;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor's label-free adaptation trigger: a version that gets no labels and whose scores drift
 * for several windows asks for an adaptation; with labels, or with adaptation off, it does not.
 */
class LabelFreeTriggerMonitorTest {
    private static final long MINUTE = 60_000L;
    private static final LabelFreeTrigger.Settings TRIGGER =
            new LabelFreeTrigger.Settings(0.05, 0.25, 3, 50, 10 * MINUTE);

    private KeyedTwoInputStreamOperatorTestHarness<String, ScoredEvent, LabelledScore, DriftMetric>
            harness;
    private final Random random = new Random(5);
    private int next;

    private void open(LabelFreeTrigger.Settings trigger, String role) throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new DriftMonitorFunction(
                                        DriftMonitorConfig.builder()
                                                .predictionWindow(WindowPolicy.count(200))
                                                .referenceSize(200)
                                                .emitEvery(100)
                                                .role(role)
                                                .labelFreeTrigger(trigger)
                                                .build())),
                        new ModelKeys.OfScoredEvent(),
                        new ModelKeys.OfLabelledScore(),
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /**
     * Scores {@code n} events: confident and well separated before the shift, crowded around 0.5
     * after it (the model sees it separates the texts less well).
     */
    private void score(int n, boolean shifted, boolean labelled) throws Exception {
        for (int i = 0; i < n; i++, next++) {
            double z = random.nextGaussian() * (shifted ? 0.2 : 2.5);
            double p = 1.0 / (1.0 + Math.exp(-z));
            ScoredEvent scored = Records.binary("e" + next, "1", p, next);
            harness.processElement1(new StreamRecord<>(scored, next));
            if (labelled) {
                harness.processElement2(
                        new StreamRecord<>(
                                LabelledScore.fromPrediction(scored)
                                        .withFeedback(
                                                Records.feedback(
                                                        "e" + next,
                                                        random.nextDouble() < p ? "pos" : "neg",
                                                        next))));
            }
        }
    }

    private List<ModelUpdate> requests() {
        var records = harness.getSideOutput(DriftMonitorFunction.RETRAIN_REQUESTS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aSustainedLabelFreeDriftWithoutLabelsAsksForOneAdaptation() throws Exception {
        open(TRIGGER, "LIVE");
        harness.setProcessingTime(0);
        score(400, false, false);
        harness.setProcessingTime(11 * MINUTE); // no label for longer than no-labels-for
        score(200, true, false);
        assertThat(requests()).as("two drifted windows are not enough").isEmpty();
        score(100, true, false);

        assertThat(requests())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("ADAPT_REQUESTED");
                            assertThat(u.getModelId()).isEqualTo("m");
                            assertThat(u.getVersion()).isEqualTo("1");
                            assertThat(u.getReason())
                                    .startsWith(
                                            "no labels since the version started; for 3 windows");
                        });
        score(1000, true, false);
        assertThat(requests()).as("cool-down").hasSize(1);
    }

    @Test
    void theSameDriftWithLabelsArrivingLeavesItToTheLabelledTrigger() throws Exception {
        open(TRIGGER, "LIVE");
        harness.setProcessingTime(0);
        score(400, false, true);
        harness.setProcessingTime(11 * MINUTE);
        score(600, true, true);
        assertThat(requests())
                .extracting(ModelUpdate::getCommand)
                .doesNotContain("ADAPT_REQUESTED");
    }

    @Test
    void labelsThatStoppedCountAsAbsentOnceNoneCameForTheConfiguredTime() throws Exception {
        open(TRIGGER, "LIVE");
        harness.setProcessingTime(0);
        score(400, false, true);
        harness.setProcessingTime(5 * MINUTE);
        score(400, true, false);
        assertThat(requests()).as("the last label is only 5 minutes old").isEmpty();
        harness.setProcessingTime(10 * MINUTE);
        score(100, true, false);
        assertThat(requests())
                .singleElement()
                .satisfies(u -> assertThat(u.getReason()).startsWith("no labels for 600 s"));
    }

    @Test
    void withAdaptationOffOrForAShadowMonitorNothingIsRequested() throws Exception {
        open(null, "LIVE");
        harness.setProcessingTime(0);
        score(400, false, false);
        harness.setProcessingTime(11 * MINUTE);
        score(1000, true, false);
        assertThat(requests()).isEmpty();
        harness.close();

        open(TRIGGER, "SHADOW");
        harness.setProcessingTime(0);
        score(400, false, false);
        harness.setProcessingTime(11 * MINUTE);
        score(1000, true, false);
        assertThat(requests()).isEmpty();
    }
}
