package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmitTimesTest {

    @Test
    void leavesTheWarmUpOutOfTheRate() {
        EmitTimes emits = new EmitTimes();
        // A slow start: 10 outcomes in the first second, then 100 per second for 10 seconds.
        for (int i = 0; i < 10; i++) {
            emits.add(1_000 + i * 100L);
        }
        for (int i = 1; i <= 1_000; i++) {
            emits.add(2_000 + i * 10L);
        }

        EmitTimes.Window window = emits.steadyState(1_000);

        assertThat(emits.count()).isEqualTo(1_010);
        assertThat(emits.spanMillis()).isEqualTo(11_000);
        assertThat(window.seconds()).isEqualTo(10.0);
        assertThat(window.perSecond()).isCloseTo(100.0, within(0.5));
    }

    @Test
    void usesTheWholeSpanWhenTheOutputIsShorterThanTheWarmUp() {
        EmitTimes emits = new EmitTimes();
        for (int i = 0; i <= 20; i++) {
            emits.add(5_000 + i * 50L);
        }

        EmitTimes.Window window = emits.steadyState(10_000);

        assertThat(window.seconds()).isEqualTo(1.0);
        assertThat(window.perSecond()).isCloseTo(20.0, within(0.01));
    }

    @Test
    void reportsNothingBeforeTwoOutcomes() {
        EmitTimes emits = new EmitTimes();
        emits.add(42);

        assertThat(emits.spanMillis()).isZero();
        assertThat(emits.steadyState(0).perSecond()).isZero();
    }

    @Test
    void growsBeyondItsInitialCapacityInAnyOrder() {
        EmitTimes emits = new EmitTimes();
        for (int i = 5_000; i > 0; i--) {
            emits.add(i);
        }

        assertThat(emits.count()).isEqualTo(5_000);
        assertThat(emits.spanMillis()).isEqualTo(4_999);
    }
}
