package io.nlpstream.drift.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.drift.testutils.Records;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ScoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.types.PojoTestUtils;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedbackJoinFunctionTest {

    private static final Duration TTL = Duration.ofSeconds(10);

    private FeedbackJoinFunction function;
    private KeyedTwoInputStreamOperatorTestHarness<String, ScoredEvent, Feedback, LabelledScore>
            harness;

    private void open(TimeDomain domain) throws Exception {
        function = new FeedbackJoinFunction(TTL, domain);
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(function),
                        new FeedbackKeys.ScoredEventId(),
                        new FeedbackKeys.FeedbackId(),
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void score(String id, double p, long time) throws Exception {
        harness.processElement1(new StreamRecord<>(Records.binary(id, "1", p, time), time));
    }

    private void label(String id, String label, long time) throws Exception {
        harness.processElement2(new StreamRecord<>(Records.feedback(id, label, time), time));
    }

    private <T> List<T> side(OutputTag<T> tag) {
        var records = harness.getSideOutput(tag);
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    private void assertNothingLeft() {
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void joinsWhenTheLabelComesAfterThePrediction() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        score("e1", 0.8, 1_000L);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        label("e1", "neg", 2_000L);

        List<LabelledScore> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        LabelledScore joined = out.get(0);
        assertThat(joined.id).isEqualTo("e1");
        assertThat(joined.predictedLabel).isEqualTo("pos");
        assertThat(joined.trueLabel).isEqualTo("neg");
        assertThat(joined.isCorrect()).isFalse();
        assertThat(joined.confidence).isEqualTo(0.8);
        assertThat(joined.scores).containsEntry("pos", 0.8);
        assertThat(joined.eventTime).isEqualTo(1_000L);
        assertThat(joined.labelTime).isEqualTo(2_000L);
        assertThat(function.matchedCount()).isEqualTo(1);
        assertNothingLeft();
    }

    @Test
    void joinsWhenTheLabelComesFirst() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        label("e1", "pos", 500L);
        score("e1", 0.7, 1_000L);

        List<LabelledScore> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).trueLabel).isEqualTo("pos");
        assertThat(out.get(0).isCorrect()).isTrue();
        assertNothingLeft();
    }

    @Test
    void expiresAnUnlabelledPredictionAndCountsALateLabel() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        harness.setProcessingTime(0L);
        score("e1", 0.9, 0L);
        score("e2", 0.1, 0L);
        harness.setProcessingTime(5_000L);
        label("e2", "neg", 5_000L);

        harness.setProcessingTime(TTL.toMillis());
        assertThat(side(FeedbackJoinFunction.EXPIRED_PREDICTIONS))
                .extracting(s -> s.id)
                .containsExactly("e1");
        assertThat(function.expiredPredictionCount()).isEqualTo(1);
        assertNothingLeft();

        // The label of e1 comes after its prediction expired: it waits a TTL, then is counted.
        label("e1", "pos", 11_000L);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.setProcessingTime(TTL.toMillis() + TTL.toMillis());
        assertThat(side(FeedbackJoinFunction.UNMATCHED_FEEDBACK))
                .extracting(Feedback::getId)
                .containsExactly("e1");
        assertThat(function.unmatchedFeedbackCount()).isEqualTo(1);
        assertThat(harness.extractOutputValues()).extracting(s -> s.id).containsExactly("e2");
        assertNothingLeft();
    }

    @Test
    void eventTimeTtlFiresOnTheWatermarkOfBothInputs() throws Exception {
        open(TimeDomain.EVENT_TIME);
        score("e1", 0.9, 1_000L);
        label("e9", "pos", 2_000L);
        harness.processWatermark1(new Watermark(11_000L));
        harness.processWatermark2(new Watermark(11_000L));
        assertThat(side(FeedbackJoinFunction.EXPIRED_PREDICTIONS))
                .extracting(s -> s.id)
                .containsExactly("e1");
        assertThat(side(FeedbackJoinFunction.UNMATCHED_FEEDBACK)).isEmpty();

        harness.processWatermark1(new Watermark(12_000L));
        harness.processWatermark2(new Watermark(12_000L));
        assertThat(side(FeedbackJoinFunction.UNMATCHED_FEEDBACK))
                .extracting(Feedback::getId)
                .containsExactly("e9");
        assertThat(function.expiredPredictionCount()).isEqualTo(1);
        assertThat(function.unmatchedFeedbackCount()).isEqualTo(1);
        assertNothingLeft();
    }

    @Test
    void aDuplicateReplacesTheFirstWhichLeavesBySideOutput() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        label("e1", "pos", 100L);
        label("e1", "neg", 200L);
        score("e1", 0.3, 300L);
        assertThat(side(FeedbackJoinFunction.UNMATCHED_FEEDBACK))
                .extracting(Feedback::getLabel)
                .containsExactly("pos");
        assertThat(harness.extractOutputValues())
                .extracting(s -> s.trueLabel)
                .containsExactly("neg");
        assertThat(function.duplicateCount()).isEqualTo(1);
        assertNothingLeft();
    }

    @Test
    void everyRecordIsAccountedFor() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        harness.setProcessingTime(0L);
        for (int i = 0; i < 100; i++) {
            score("e" + i, (i % 10) / 10.0, i);
            if (i % 3 != 0) {
                label("e" + i, i % 2 == 0 ? "pos" : "neg", i);
            }
        }
        for (int i = 100; i < 120; i++) {
            label("e" + i, "pos", i);
        }
        harness.setProcessingTime(TTL.toMillis() + 1);
        long joined = harness.extractOutputValues().size();
        long expired = side(FeedbackJoinFunction.EXPIRED_PREDICTIONS).size();
        long unmatched = side(FeedbackJoinFunction.UNMATCHED_FEEDBACK).size();
        assertThat(joined + expired).isEqualTo(100);
        assertThat(joined + unmatched).isEqualTo(66 + 20);
        assertThat(expired).isEqualTo(function.expiredPredictionCount()).isEqualTo(34);
        assertThat(unmatched).isEqualTo(function.unmatchedFeedbackCount()).isEqualTo(20);
        assertNothingLeft();
    }

    private void spamScore(String id, Map<String, Double> scores) throws Exception {
        harness.processElement1(
                new StreamRecord<>(Records.scored(id, "m", "1", scores, 1_000L, false), 1_000L));
    }

    @Test
    void aLabelSpelledInAnotherCaseJoinsAsTheModelsOwnLabel() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        spamScore("e1", Map.of("ham", 0.3, "spam", 0.7));
        label("e1", "Spam", 2_000L);
        label("e2", "HAM", 2_000L);
        spamScore("e2", Map.of("ham", 0.6, "spam", 0.4));

        assertThat(harness.extractOutputValues())
                .extracting(s -> s.id + "=" + s.trueLabel)
                .containsExactly("e1=spam", "e2=ham");
        assertThat(side(OutputTags.DEAD_LETTERS)).isEmpty();
        assertNothingLeft();
    }

    @Test
    void aLabelThatIsNotOneOfTheModelsLabelsIsADeadLetterAndThePredictionWaits() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        harness.setProcessingTime(0L);
        spamScore("e1", Map.of("ham", 0.3, "spam", 0.7));
        label("e1", "Phishing", 2_000L);

        assertThat(harness.extractOutputValues()).isEmpty();
        List<DeadLetter> dead = side(OutputTags.DEAD_LETTERS);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getId()).isEqualTo("e1");
        assertThat(dead.get(0).getStage()).isEqualTo(FeedbackParser.STAGE);
        assertThat(dead.get(0).getReason())
                .isEqualTo("label 'Phishing' is not one of the model's labels [ham, spam]");
        assertThat(Feedback.fromByteBuffer(dead.get(0).getOriginal()).getLabel())
                .isEqualTo("Phishing");
        assertThat(function.rejectedLabelCount()).isEqualTo(1);

        // A corrected label still joins the waiting prediction.
        label("e1", "spam", 3_000L);
        assertThat(harness.extractOutputValues())
                .extracting(s -> s.trueLabel)
                .containsExactly("spam");
        assertNothingLeft();
    }

    @Test
    void aLabelThatComesFirstIsCheckedWhenItsPredictionArrives() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        harness.setProcessingTime(0L);
        label("e1", "unknown-class", 500L);
        spamScore("e1", Map.of("ham", 0.3, "spam", 0.7));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(side(OutputTags.DEAD_LETTERS))
                .extracting(DeadLetter::getReason)
                .containsExactly(
                        "label 'unknown-class' is not one of the model's labels [ham, spam]");
        // The prediction waits for a valid label and expires unlabelled without one.
        harness.setProcessingTime(TTL.toMillis());
        assertThat(side(FeedbackJoinFunction.EXPIRED_PREDICTIONS))
                .extracting(s -> s.id)
                .containsExactly("e1");
        assertNothingLeft();
    }

    @Test
    void aCaseInsensitiveMatchOfTwoLabelsIsAmbiguous() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        spamScore("e1", Map.of("spam", 0.5, "SPAM", 0.2, "ham", 0.3));
        label("e1", "Spam", 2_000L);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(side(OutputTags.DEAD_LETTERS))
                .extracting(DeadLetter::getReason)
                .containsExactly(
                        "label 'Spam' matches more than one of the model's labels [SPAM, ham,"
                                + " spam] when case is ignored");
    }

    @Test
    void rejectsANonPositiveTtl() {
        assertThatThrownBy(() -> new FeedbackJoinFunction(Duration.ZERO, TimeDomain.EVENT_TIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be positive, got PT0S");
    }

    @Test
    void labelledScoreIsAPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(LabelledScore.class);
    }

    @Test
    void aWaitingPredictionIsKeptWithoutItsText() throws Exception {
        open(TimeDomain.PROCESSING_TIME);
        String longText = "x".repeat(10_000);
        for (int i = 0; i < 200; i++) {
            ScoredEvent scored = Records.binary("e" + i, "1", 0.7, i);
            scored.getEvent().setText(longText);
            harness.processElement1(new StreamRecord<>(scored, (long) i));
        }
        long stateBytes = harness.snapshot(1, 1).getStateSize();
        assertThat(stateBytes).as("200 texts of 10 kB would be 2 MB").isLessThan(500_000);
    }

    @Test
    void aJoinForTheRetrainerKeepsTheStartOfTheText() throws Exception {
        function = new FeedbackJoinFunction(TTL, TimeDomain.PROCESSING_TIME, 5);
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(function),
                        new FeedbackKeys.ScoredEventId(),
                        new FeedbackKeys.FeedbackId(),
                        Types.STRING);
        harness.open();
        score("e1", 0.8, 1_000L); // text "text e1"
        label("e1", "pos", 2_000L);
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(j -> assertThat(j.text).isEqualTo("text "));
        assertNothingLeft();
    }
}
