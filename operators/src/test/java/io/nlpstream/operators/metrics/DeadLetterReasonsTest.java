package io.nlpstream.operators.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.DeadLetters;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class DeadLetterReasonsTest {
    private final MetricListener listener = new MetricListener();
    private final DeadLetterReasons reasons = new DeadLetterReasons(listener.getMetricGroup());

    @Test
    void countsEachStageAndReasonOnItsOwnCounter() {
        for (int i = 0; i < 3; i++) {
            reasons.count(
                    deadLetter("PARSE", "io.nlpstream.operators.parsing.MalformedInputException"));
        }
        reasons.count(deadLetter("INFERENCE", "io.nlpstream.serving.InvalidTextException"));
        reasons.count(deadLetter("RULES", "RULE:drop-spam"));
        reasons.count(deadLetter("RULES", "RULE:drop-spam"));

        assertThat(count("PARSE", "MalformedInputException")).isEqualTo(3);
        assertThat(count("INFERENCE", "InvalidTextException")).isEqualTo(1);
        assertThat(count("RULES", "RULE:drop-spam")).isEqualTo(2);
        assertThat(
                        listener.getCounter(
                                "stage", "PARSE", "reason", "InvalidTextException", "deadLetters"))
                .as("a reason is counted under its own stage only")
                .isEmpty();
    }

    @Test
    void reasonsBeyondTheBoundAreCountedAsOther() {
        int extra = 5;
        for (int i = 0; i < DeadLetterReasons.MAX_PAIRS + extra; i++) {
            reasons.count(deadLetter("FEEDBACK", "com.example.Error" + i));
        }
        reasons.count(deadLetter("FEEDBACK", "com.example.Error0"));

        assertThat(count("FEEDBACK", "Error0")).isEqualTo(2);
        assertThat(count("FEEDBACK", "Error" + (DeadLetterReasons.MAX_PAIRS - 1))).isEqualTo(1);
        assertThat(
                        listener.getCounter(
                                "stage",
                                "FEEDBACK",
                                "reason",
                                "Error" + DeadLetterReasons.MAX_PAIRS,
                                "deadLetters"))
                .isEmpty();
        assertThat(count("FEEDBACK", DeadLetterReasons.OTHER)).isEqualTo(extra);
    }

    @Test
    void theReasonLabelIsTheKindOfFailureNotItsText() {
        assertThat(DeadLetterReasons.reasonOf("io.nlpstream.operators.rules.InvalidRuleException"))
                .isEqualTo("InvalidRuleException");
        assertThat(DeadLetterReasons.reasonOf("com.example.Outer$Inner")).isEqualTo("Inner");
        assertThat(DeadLetterReasons.reasonOf("RULE:block.v2")).isEqualTo("RULE:block.v2");
        assertThat(DeadLetterReasons.reasonOf(null)).isEqualTo(DeadLetterReasons.UNKNOWN);
        assertThat(DeadLetterReasons.reasonOf("  ")).isEqualTo(DeadLetterReasons.UNKNOWN);
        assertThat(DeadLetterReasons.reasonOf("x".repeat(500)))
                .hasSize(DeadLetterReasons.MAX_REASON_CHARS);
    }

    private long count(String stage, String reason) {
        return listener.getCounter("stage", stage, "reason", reason, "deadLetters")
                .map(Counter::getCount)
                .orElseThrow(() -> new AssertionError("no counter for " + stage + "/" + reason));
    }

    static io.nlpstream.schemas.DeadLetter deadLetter(String stage, String errorClass) {
        return DeadLetters.fromBytes(new byte[] {1}, stage, "some reason text 17", errorClass);
    }
}
