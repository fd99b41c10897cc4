package io.nlpstream.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label-free adaptation in the retrainer, with the real encoder on real unlabelled reviews: an
 * adaptation request self-trains the live head on the recent texts and asks for a shadow run under
 * a new version; with adaptation off nothing is kept or started; a restore during the adaptation
 * starts it again under a new version, and a candidate without a verdict is rejected.
 */
class RetrainFunctionAdaptTest {
    private static final String MODEL = "sentiment-minilm";
    private static final long HOUR = 3_600_000L;
    private static final AdaptConfig ADAPT = new AdaptConfig(true, 300, 200, 2, 0.2, 7, 0.9, 0.2);

    private static List<LabelledText> reviews;

    @TempDir Path bundles;

    @BeforeAll
    static void loadReviews() {
        reviews = Datasets.fromDefaultCache().uciSentiment("amazon").subList(0, 500);
    }

    private RetrainConfig config() {
        return new RetrainConfig(MODEL, bundles.toString(), 200, 100, "", 0, Map.of(), 0, 1);
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, LabelledScore, ModelUpdate, ModelUpdate>
            harness(AdaptConfig adapt, OperatorSubtaskState restoreFrom) throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<
                        String, LabelledScore, ModelUpdate, ModelUpdate>(
                        new KeyedCoProcessOperator<>(new RetrainFunction(config(), adapt)),
                        LabelledScore::modelIdKey,
                        ModelUpdate::getModelId,
                        Types.STRING);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    @Test
    void anAdaptationRequestSelfTrainsOnTheRecentTextsAndAsksForAShadowRun() throws Exception {
        Files.createDirectories(bundles.resolve(MODEL + "-2")); // a bundle already on disk
        var h = harness(ADAPT, null);
        feedUnlabelled(h, 150);
        h.processElement2(new StreamRecord<>(command("ADAPT_REQUESTED", "1")));
        assertThat(h.numProcessingTimeTimers()).as("too few texts: nothing starts").isZero();

        feedUnlabelled(h, reviews.size());
        h.processElement2(new StreamRecord<>(command("ADAPT_REQUESTED", "1")));
        h.processElement2(new StreamRecord<>(command("RETRAIN_REQUESTED", "1"))); // one at a time
        List<ModelUpdate> out = RetrainHarnesses.runUntilOutput(h, 1_000, 1);

        assertThat(out)
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("SHADOW_START");
                            assertThat(u.getVersion())
                                    .as("above every bundle on disk")
                                    .isEqualTo("3");
                            assertThat(u.getReason())
                                    .startsWith("adapted in ")
                                    .contains(
                                            "self-trained on 300 recent unlabelled texts (2 rounds,"
                                                    + " share 0.2)")
                                    .contains("rank agreement with the base head");
                        });
        BundleManifest m = Bundles.load(out.get(0).getBundleUri()).manifest();
        assertThat(m.id()).isEqualTo(MODEL);
        assertThat(m.version()).isEqualTo("3");
        assertThat(m.training().get("adapted_from")).startsWith(MODEL + " version ");
        assertThat(m.training().get("texts")).isEqualTo("300"); // the sample is bounded
        assertThat(m.training()).containsEntry("rounds", "2").containsEntry("share", "0.2");
        assertThat(m.training()).containsEntry("seed", "7");
        assertThat(h.numProcessingTimeTimers()).as("the candidate's deadline").isEqualTo(1);
        h.close();
    }

    @Test
    void withAdaptationOffNoTextIsKeptAndNoRequestStartsAnything() throws Exception {
        var h = harness(AdaptConfig.DISABLED, null);
        feedUnlabelled(h, reviews.size());
        assertThat(h.numKeyedStateEntries()).isZero();
        h.processElement2(new StreamRecord<>(command("ADAPT_REQUESTED", "1")));
        h.setProcessingTime(10_000);
        assertThat(h.numProcessingTimeTimers()).isZero();
        assertThat(h.extractOutputValues()).isEmpty();
        h.close();
    }

    @Test
    void aHeadThatFailsTheGuardOnItsOwnTextsIsRejectedWithTheFigures() throws Exception {
        // Agreement 1.0 is out of reach for a retrained head: the guard must refuse it.
        AdaptConfig strict = new AdaptConfig(true, 300, 200, 2, 0.2, 7, 1.0, 0.3);
        var h = harness(strict, null);
        feedUnlabelled(h, reviews.size());
        h.processElement2(new StreamRecord<>(command("ADAPT_REQUESTED", "1")));
        assertThat(RetrainHarnesses.runUntilOutput(h, 1_000, 1))
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("REJECT");
                            assertThat(u.getVersion()).isEqualTo("2");
                            assertThat(u.getReason())
                                    .startsWith(
                                            "adapted head failed the label-free guard on its texts:"
                                                    + " rank agreement with the base head 0.")
                                    .contains("(least 1.00)");
                        });
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aRestoreDuringTheAdaptationAndDuringTheShadowRunStillEndsInAVerdict() throws Exception {
        var first = harness(ADAPT, null);
        feedUnlabelled(first, reviews.size());
        first.setProcessingTime(1_000);
        first.processElement2(new StreamRecord<>(command("ADAPT_REQUESTED", "1")));
        OperatorSubtaskState duringAdaptation = first.snapshot(1, 1_000);
        first.close();

        var second = harness(ADAPT, duringAdaptation);
        List<ModelUpdate> out = RetrainHarnesses.runUntilOutput(second, 2_000, 1);
        assertThat(out)
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("SHADOW_START");
                            assertThat(u.getVersion())
                                    .as("the interrupted adaptation's version is not reused")
                                    .isEqualTo("3");
                            assertThat(u.getReason()).startsWith("adapted in ");
                            assertThat(Files.isDirectory(Path.of(u.getBundleUri()))).isTrue();
                        });
        long shadowStartedAt = second.getProcessingTime();
        OperatorSubtaskState duringShadow = second.snapshot(2, shadowStartedAt);
        second.close();

        var third = harness(ADAPT, duringShadow);
        third.setProcessingTime(shadowStartedAt + 2 * HOUR);
        assertThat(third.extractOutputValues())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("REJECT");
                            assertThat(u.getVersion()).isEqualTo("3");
                            assertThat(u.getReason())
                                    .isEqualTo("no verdict on candidate 3 in time");
                        });
        assertThat(third.numProcessingTimeTimers()).isZero();
        third.close();
    }

    private static void feedUnlabelled(
            KeyedTwoInputStreamOperatorTestHarness<String, LabelledScore, ModelUpdate, ModelUpdate>
                    h,
            int n)
            throws Exception {
        for (LabelledText t : reviews.subList(0, n)) {
            LabelledScore s = new LabelledScore();
            s.id = t.id();
            s.modelId = MODEL;
            s.modelVersion = "1";
            s.predictedLabel = "positive";
            s.text = t.text(); // no trueLabel: no label ever came
            s.confidence = 0.6;
            s.scores = new HashMap<>(Map.of("positive", 0.6, "negative", 0.4));
            h.processElement1(new StreamRecord<>(s));
        }
    }

    private static ModelUpdate command(String command, String version) {
        return RetrainHarnesses.command(MODEL, command, version);
    }
}
