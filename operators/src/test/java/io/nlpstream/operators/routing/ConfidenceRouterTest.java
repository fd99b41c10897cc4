package io.nlpstream.operators.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.operators.rules.RuleFixtures;
import io.nlpstream.schemas.ScoredEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

// The harnesses are AutoCloseable with a close() that declares Exception.
@SuppressWarnings("try")
class ConfidenceRouterTest {

    private static ScoredEvent scored(String label, double confidence) {
        return RuleFixtures.scored("e-" + label + confidence, "text", label, confidence);
    }

    @Test
    void defaultThresholdIsPointNine() {
        ConfidenceRouter router = new ConfidenceRouter();

        ScoredEvent confident = router.route(scored("positive", 0.9));
        assertThat(confident.getThreshold()).isEqualTo(0.9);
        assertThat(confident.getReviewReason()).isNull();

        ScoredEvent unsure = router.route(scored("positive", 0.8999));
        assertThat(unsure.getThreshold()).isEqualTo(0.9);
        assertThat(unsure.getReviewReason()).isEqualTo("LOW_CONFIDENCE");
    }

    @Test
    void perLabelOverridesApplyToTheirLabelOnly() {
        ConfidenceRouter router =
                new ConfidenceRouter(ConfidenceThresholds.parse(0.9, "negative=0.97, neutral=0.6"));

        assertThat(router.route(scored("negative", 0.95)).getReviewReason())
                .isEqualTo("LOW_CONFIDENCE");
        assertThat(router.route(scored("negative", 0.95)).getThreshold()).isEqualTo(0.97);
        assertThat(router.route(scored("neutral", 0.7)).getReviewReason()).isNull();
        assertThat(router.route(scored("neutral", 0.7)).getThreshold()).isEqualTo(0.6);
        assertThat(router.route(scored("positive", 0.95)).getReviewReason()).isNull();
        assertThat(router.route(scored("positive", 0.95)).getThreshold()).isEqualTo(0.9);
    }

    @Test
    void notANumberIsNeverConfident() {
        assertThat(new ConfidenceRouter().route(scored("x", Double.NaN)).getReviewReason())
                .isEqualTo("LOW_CONFIDENCE");
    }

    @Test
    void keepsAReasonSetUpstreamAndLeavesTheInputUnchanged() {
        ScoredEvent input = scored("x", 0.1);
        input.setReviewReason("RULE:upstream");
        ScoredEvent routed = new ConfidenceRouter().route(input);
        assertThat(routed.getReviewReason()).isEqualTo("RULE:upstream");

        ScoredEvent untouched = scored("x", 0.1);
        ScoredEvent copy = ScoredEvent.newBuilder(untouched).build();
        new ConfidenceRouter().route(untouched);
        assertThat(untouched).isEqualTo(copy);
    }

    @Test
    void harnessEmitsEveryRecordOnTheOneOutput() throws Exception {
        try (OneInputStreamOperatorTestHarness<ScoredEvent, ScoredEvent> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ConfidenceRouter(ConfidenceThresholds.of(0.8)))) {
            harness.processElement(scored("a", 0.95), 1L);
            harness.processElement(scored("b", 0.5), 2L);
            harness.processElement(scored("c", 0.8), 3L);

            List<ScoredEvent> out = harness.extractOutputValues();
            assertThat(out)
                    .extracting(ScoredEvent::getLabel, ScoredEvent::getReviewReason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("a", null),
                            org.assertj.core.groups.Tuple.tuple("b", "LOW_CONFIDENCE"),
                            org.assertj.core.groups.Tuple.tuple("c", null));
            assertThat(out).allSatisfy(e -> assertThat(e.getThreshold()).isEqualTo(0.8));
        }
    }

    @Test
    void thresholdsValidateWithExactMessages() {
        assertThatThrownBy(() -> ConfidenceThresholds.of(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default threshold must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> ConfidenceThresholds.of(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default threshold must be in [0, 1], got NaN");
        assertThatThrownBy(() -> new ConfidenceThresholds(0.9, Map.of("neg", -0.1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold for label 'neg' must be in [0, 1], got -0.1");
        assertThatThrownBy(() -> new ConfidenceThresholds(0.9, Map.of(" ", 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold label must not be blank");
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("neg", null);
        assertThatThrownBy(() -> new ConfidenceThresholds(0.9, withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold for label 'neg' must not be null");
        assertThatThrownBy(() -> ConfidenceThresholds.parse(0.9, "neg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold override 'neg' must be label=threshold");
        assertThatThrownBy(() -> ConfidenceThresholds.parse(0.9, "neg=high"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold for label 'neg' is not a number: 'high'");
        assertThatThrownBy(() -> new ConfidenceRouter(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("thresholds must not be null");
        assertThat(ConfidenceThresholds.parse(0.7, " ").overrides()).isEmpty();
        assertThat(ConfidenceThresholds.defaults().defaultThreshold()).isEqualTo(0.9);
    }
}
