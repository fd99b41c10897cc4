package io.nlpstream.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nlpstream.drift.detectors.TriggerState;
import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.metrics.WindowPolicy;
import io.nlpstream.drift.testutils.Records;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DriftMonitorFunctionTest {

    private DriftMonitorFunction function;
    private KeyedTwoInputStreamOperatorTestHarness<String, ScoredEvent, LabelledScore, DriftMetric>
            harness;
    private final Random random = new Random(17);

    private void open(DriftMonitorConfig config) throws Exception {
        function = new DriftMonitorFunction(config);
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(function),
                        new ModelKeys.OfScoredEvent(),
                        new ModelKeys.OfLabelledScore(),
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** Scores one event with a calibrated model and feeds its label right away. */
    private void feedCalibrated(String version, int i, boolean informative) throws Exception {
        double p = 1.0 / (1.0 + Math.exp(-1.5 * random.nextGaussian()));
        // Before a shift the label follows the model's probability; after it, a coin.
        boolean positive = random.nextDouble() < (informative ? p : 0.5);
        ScoredEvent scored = Records.binary("e" + i, version, p, i * 10L);
        harness.processElement1(new StreamRecord<>(scored, i * 10L));
        LabelledScore labelled =
                LabelledScore.fromPrediction(scored)
                        .withFeedback(Records.feedback("e" + i, positive ? "pos" : "neg", i * 10L));
        harness.processElement2(new StreamRecord<>(labelled, i * 10L));
    }

    private List<ModelUpdate> retrainRequests() {
        var records = harness.getSideOutput(DriftMonitorFunction.RETRAIN_REQUESTS);
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void emitsAMetricEveryKScoredEventsWithTheWindowFigures() throws Exception {
        open(
                DriftMonitorConfig.builder()
                        .predictionWindow(WindowPolicy.count(1000))
                        .labelledWindow(WindowPolicy.count(1000))
                        .referenceSize(1000)
                        .emitEvery(500)
                        .baselineAfterLabelled(1000)
                        .build());
        for (int i = 0; i < 3000; i++) {
            feedCalibrated("1", i, true);
        }
        List<DriftMetric> metrics = harness.extractOutputValues();
        assertThat(metrics).hasSize(6);

        DriftMetric first = metrics.get(0);
        assertThat(first.getPredictions()).isEqualTo(500);
        assertThat(first.getPsiConfidence()).as("reference not complete yet").isNull();
        assertThat(first.getBaselineAuc()).isNull();

        DriftMetric last = metrics.get(5);
        assertThat(last.getModelId()).isEqualTo("m");
        assertThat(last.getModelVersion()).isEqualTo("1");
        assertThat(last.getRole()).isEqualTo("LIVE");
        assertThat(last.getPredictions()).isEqualTo(1000);
        assertThat(last.getLabelled()).isEqualTo(1000);
        assertThat(last.getWindowStart()).isEqualTo(2000 * 10L);
        assertThat(last.getWindowEnd()).isEqualTo(2999 * 10L);
        assertThat(last.getAuc()).isBetween(0.7, 0.95);
        assertThat(last.getEstimatedAuc()).isCloseTo(last.getAuc(), within(0.03));
        assertThat(last.getBaselineAuc()).isNotNull();
        assertThat(last.getAccuracy()).isBetween(0.6, 0.9);
        assertThat(last.getEce()).isLessThan(0.06);
        assertThat(last.getPsiConfidence()).isLessThan(0.1);
        assertThat(last.getJsConfidence()).isLessThan(0.1);
        assertThat(last.getPsiLabels()).isLessThan(0.05);
        assertThat(last.getJsLabels()).isLessThan(0.1);
        assertThat(last.getReviewRate()).isEqualTo(0.0);
        assertThat(function.lastMetric()).isEqualTo(last);
        assertThat(retrainRequests()).isEmpty();

        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numProcessingTimeTimers()).as("the idle clean-up").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aShiftRaisesExactlyOneRetrainRequestWithinABound() throws Exception {
        open(
                DriftMonitorConfig.builder()
                        .labelledWindow(WindowPolicy.count(300))
                        .minLabelledForAuc(100)
                        .baselineAfterLabelled(300)
                        .requiredConsecutive(50)
                        .cooldown(1000)
                        .emitEvery(100)
                        .build());
        int shiftAt = 2000;
        int firedAt = -1;
        for (int i = 0; i < 5000; i++) {
            feedCalibrated("1", i, i < shiftAt);
            if (firedAt < 0 && !retrainRequests().isEmpty()) {
                firedAt = i;
            }
        }
        assertThat(firedAt).isBetween(shiftAt, shiftAt + 300);
        List<ModelUpdate> requests = retrainRequests();
        assertThat(requests).hasSize(1);
        ModelUpdate request = requests.get(0);
        assertThat(request.getCommand()).isEqualTo("RETRAIN_REQUESTED");
        assertThat(request.getModelId()).isEqualTo("m");
        assertThat(request.getVersion()).isEqualTo("1");
        assertThat(request.getIssuedBy()).isEqualTo("drift-monitor");
        assertThat(request.getReason()).contains("below baseline").contains("50 labelled events");

        List<DriftMetric> metrics = harness.extractOutputValues();
        assertThat(metrics.subList(0, shiftAt / 100))
                .noneMatch(DriftMetric::getErrorChangeDetected);
        assertThat(metrics.subList(shiftAt / 100, shiftAt / 100 + 5))
                .anyMatch(DriftMetric::getErrorChangeDetected);
        DriftMetric last = metrics.get(metrics.size() - 1);
        assertThat(last.getAuc()).isCloseTo(0.5, within(0.1));
        // Without labels the estimate still believes the (now wrong) calibration.
        assertThat(last.getEstimatedAuc()).isGreaterThan(0.75);
    }

    @Test
    void theTriggerStateGaugeFollowsTheServingVersionThroughAShift() throws Exception {
        open(
                DriftMonitorConfig.builder()
                        .labelledWindow(WindowPolicy.count(300))
                        .minLabelledForAuc(100)
                        .baselineAfterLabelled(300)
                        .requiredConsecutive(50)
                        .cooldown(1000)
                        .build());
        assertThat(function.triggerState()).as("nothing seen: NaN").isNull();
        List<TriggerState> states = new ArrayList<>();
        int firedAt = -1;
        for (int i = 0; i < 4000 && firedAt < 0; i++) {
            feedCalibrated("1", i, i < 2000);
            states.add(function.triggerState());
            if (!retrainRequests().isEmpty()) {
                firedAt = i;
            }
        }
        assertThat(firedAt).isPositive();
        assertThat(states.get(0)).isEqualTo(TriggerState.LEARNING_BASELINE);
        assertThat(states.get(299))
                .as("baseline learned at 300 labels")
                .isNotEqualTo(TriggerState.LEARNING_BASELINE);
        assertThat(states.subList(300, 2000))
                .as("before the shift")
                .contains(TriggerState.ARMED)
                .doesNotContain(TriggerState.FIRED);
        assertThat(states.subList(firedAt - 49, firedAt))
                .as("the 49 events before the fire")
                .containsOnly(TriggerState.DROPPING);
        assertThat(states.get(firedAt)).isEqualTo(TriggerState.FIRED);

        // A late label of a replaced version has a trigger of its own, which the gauge ignores.
        ScoredEvent old = Records.binary("late", "0", 0.8, 50_000L);
        harness.processElement2(
                new StreamRecord<>(
                        LabelledScore.fromPrediction(old)
                                .withFeedback(Records.feedback("late", "pos", 50_000L)),
                        50_000L));
        assertThat(function.triggerState()).isEqualTo(TriggerState.FIRED);

        // The serving version goes idle and is forgotten: the gauge shows NaN again.
        harness.setProcessingTime(24 * 3_600_000L + 1);
        assertThat(function.triggerState()).isNull();
    }

    @Test
    void aModelThatNeverRecoversAsksForARetrainAgain() throws Exception {
        // A retrain that was rejected leaves the same model serving: its AUC never recovers.
        open(
                DriftMonitorConfig.builder()
                        .labelledWindow(WindowPolicy.count(300))
                        .baselineAfterLabelled(300)
                        .requiredConsecutive(50)
                        .build());
        for (int i = 0; i < 9000; i++) {
            feedCalibrated("1", i, i < 1000);
        }
        assertThat(retrainRequests()).as("default retry after 5000 labelled events").hasSize(2);
    }

    @Test
    void labelledTextsAreNotKeptAndAnIdleVersionIsForgotten() throws Exception {
        open(DriftMonitorConfig.builder().labelledWindow(WindowPolicy.count(500)).build());
        String longText = "x".repeat(10_000);
        for (int i = 0; i < 500; i++) {
            ScoredEvent scored = Records.binary("e" + i, "1", 0.7, i);
            scored.getEvent().setText(longText);
            LabelledScore labelled =
                    LabelledScore.fromPrediction(scored)
                            .withFeedback(Records.feedback("e" + i, "pos", i));
            harness.processElement2(new StreamRecord<>(labelled, (long) i));
        }
        long stateBytes = harness.snapshot(1, 1).getStateSize();
        assertThat(stateBytes).as("500 texts of 10 kB would be 5 MB").isLessThan(1_000_000);

        harness.setProcessingTime(24 * 3_600_000L + 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aShiftStillFiresOnceWhenTheAucIsRecomputedEveryTenLabels() throws Exception {
        open(
                DriftMonitorConfig.builder()
                        .labelledWindow(WindowPolicy.count(300))
                        .baselineAfterLabelled(300)
                        .requiredConsecutive(50)
                        .aucEvery(10)
                        .build());
        for (int i = 0; i < 4000; i++) {
            feedCalibrated("1", i, i < 2000);
        }
        assertThat(retrainRequests()).hasSize(1);
    }

    @Test
    void aFixedBaselineIsUsedFromTheStart() throws Exception {
        open(
                DriftMonitorConfig.builder()
                        .baselineAuc(0.99)
                        .minLabelledForAuc(100)
                        .baselineAfterLabelled(100)
                        .labelledWindow(WindowPolicy.count(200))
                        .requiredConsecutive(50)
                        .build());
        for (int i = 0; i < 200; i++) {
            feedCalibrated("1", i, true);
        }
        assertThat(retrainRequests()).hasSize(1);
        assertThat(harness.extractOutputValues().get(0).getBaselineAuc()).isEqualTo(0.99);
    }

    @Test
    void timeWindowsKeepOnlyRecentEvents() throws Exception {
        open(
                DriftMonitorConfig.builder()
                        .predictionWindow(WindowPolicy.time(1_000L, 10_000))
                        .labelledWindow(WindowPolicy.time(2_000L, 10_000))
                        .minLabelledForAuc(50)
                        .baselineAfterLabelled(50)
                        .emitEvery(500)
                        .build());
        for (int i = 0; i < 1000; i++) {
            feedCalibrated("1", i, true); // event time i * 10 ms
        }
        DriftMetric last = harness.extractOutputValues().get(1);
        assertThat(last.getPredictions()).isEqualTo(101);
        assertThat(last.getWindowStart()).isEqualTo(last.getWindowEnd() - 1_000L);
        assertThat(last.getLabelled()).isEqualTo(201);
    }

    @Test
    void keepsModelVersionsApartAndCountsReviews() throws Exception {
        open(DriftMonitorConfig.builder().emitEvery(10).build());
        for (int i = 0; i < 10; i++) {
            ScoredEvent v1 = Records.binary("a" + i, "1", 0.9, i);
            ScoredEvent v2 =
                    Records.scored(
                            "b" + i,
                            "m",
                            "2",
                            java.util.Map.of("pos", 0.55, "neg", 0.45),
                            i,
                            i % 2 == 0);
            harness.processElement1(new StreamRecord<>(v1, i));
            harness.processElement1(new StreamRecord<>(v2, i));
        }
        List<DriftMetric> metrics = harness.extractOutputValues();
        assertThat(metrics)
                .extracting(DriftMetric::getModelVersion)
                .containsExactlyInAnyOrder("1", "2");
        for (DriftMetric m : metrics) {
            assertThat(m.getPredictions()).isEqualTo(10);
            assertThat(m.getLabelled()).isZero();
            assertThat(m.getAuc()).isNull();
            assertThat(m.getReviewRate()).isEqualTo(m.getModelVersion().equals("2") ? 0.5 : 0.0);
        }
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }
}
