package io.nlpstream.operators.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.DeadLetters;
import io.nlpstream.operators.rules.RuleEngineFunction;
import io.nlpstream.operators.testutils.Events;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.TextEvent;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class HandOffMetricsTest {
    private final MetricListener listener = new MetricListener();

    @Test
    void aDeadLetterPassesUnchangedAndIsMeasuredAndCountedByReason() throws Exception {
        HandOffMetrics<DeadLetter> handOff = new HandOffMetrics.DeadLetterHandOff();
        handOff.register(listener.getMetricGroup());
        TextEvent event = Events.event("e1", "hello");
        event.setIngestTime(System.currentTimeMillis() - 5_000);
        DeadLetter dropped =
                DeadLetters.fromEvent(
                        event, "RULES", "spam", RuleEngineFunction.RULE_REASON_PREFIX + "spam");
        DeadLetter unreadableLabel =
                DeadLetters.fromBytes(
                        new byte[] {1},
                        "FEEDBACK",
                        "bad label",
                        "java.lang.IllegalArgumentException");

        long before = System.currentTimeMillis();
        assertThat(handOff.map(dropped)).isSameAs(dropped);
        assertThat(handOff.map(unreadableLabel)).isSameAs(unreadableLabel);
        long after = System.currentTimeMillis();

        Histogram latency =
                listener.getHistogram("output", "dead_letter", "endToEndLatencyMs").orElseThrow();
        assertThat(latency.getCount()).as("the label has no ingest time").isEqualTo(1);
        assertThat(latency.getStatistics().getMax())
                .isBetween(before - event.getIngestTime(), after - event.getIngestTime());
        assertThat(counter("RULES", "RULE:spam")).isEqualTo(1);
        assertThat(counter("FEEDBACK", "IllegalArgumentException")).isEqualTo(1);
    }

    @Test
    void eachOutputGetsANamedHandOffOperatorBeforeItsSink() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var handOff =
                HandOffMetrics.deadLetters(
                        env.fromData(
                                DeadLetterReasonsTest.deadLetter(
                                        "PARSE", "x.MalformedInputException")));

        assertThat(handOff.getName()).isEqualTo("hand-off: dead letters");
        assertThat(handOff.getTransformation().getUid()).isEqualTo("hand-off-dead-letters");
        assertThat(handOff.getType())
                .isEqualTo(handOff.getTransformation().getInputs().get(0).getOutputType());
    }

    private long counter(String stage, String reason) {
        return listener.getCounter("stage", stage, "reason", reason, "deadLetters")
                .map(Counter::getCount)
                .orElseThrow();
    }
}
