package io.nlpstream.operators.spikes;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.schemas.SpikeAlert;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpinionSpikeFunctionTest {
    private static final long HOUR = 3_600_000L;
    private static final int BURST = 30;

    private KeyedOneInputStreamOperatorTestHarness<String, KeyWindow, SpikeAlert> harness;

    @BeforeEach
    void open() throws Exception {
        SpikeDetectorConfig config =
                SpikeDetectorConfig.builder()
                        .window(Duration.ofHours(1))
                        .warmupWindows(6)
                        .maxGapWindows(48)
                        .build();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new OpinionSpikeFunction(config)),
                        w -> w.key,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** A quiet hour: about 30 texts, about 3 negative. */
    private static KeyWindow quiet(String key, int hour) {
        return window(key, hour, 28 + hour % 5, 2 + hour % 3);
    }

    private static KeyWindow window(String key, int hour, long count, long negatives) {
        return new KeyWindow(
                key, hour * HOUR, (hour + 1) * HOUR, count, negatives, new String[] {"t" + hour});
    }

    private void send(KeyWindow w) throws Exception {
        harness.processElement(w, w.windowEnd - 1);
        harness.processWatermark(w.windowEnd - 1);
    }

    private List<SpikeAlert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void aBurstOfNegativeTextsFiresOnceInItsWindowAndResolvesAfter() throws Exception {
        for (int h = 0; h < BURST; h++) {
            send(quiet("acme", h));
        }
        send(window("acme", BURST, 120, 100));
        for (int h = BURST + 1; h < BURST + 10; h++) {
            send(quiet("acme", h));
        }

        assertThat(alerts()).extracting(SpikeAlert::getType).containsExactly("FIRED", "RESOLVED");
        SpikeAlert fired = alerts().get(0);
        assertThat(fired.getKey()).isEqualTo("acme");
        assertThat(fired.getWindowStart()).isEqualTo(BURST * HOUR);
        assertThat(fired.getWindowEnd()).isEqualTo((BURST + 1) * HOUR);
        assertThat(fired.getObserved()).isGreaterThan(fired.getExpected());
        assertThat(fired.getExamples()).containsExactly("t" + BURST);
        assertThat(alerts().get(1).getEpisodeEnd()).isGreaterThan(BURST * HOUR);
    }

    @Test
    void aBurstThatSimplyStopsResolvesOnTheEmptyWindowsAfterIt() throws Exception {
        for (int h = 0; h < BURST; h++) {
            send(quiet("acme", h));
        }
        send(window("acme", BURST, 300, 250));
        harness.processWatermark((BURST + 5) * HOUR);

        assertThat(alerts()).extracting(SpikeAlert::getType).containsExactly("FIRED", "RESOLVED");
    }

    @Test
    void aWindowFiredAgainByLateRecordsIsNotJudgedTwice() throws Exception {
        for (int h = 0; h < BURST; h++) {
            send(quiet("acme", h));
        }
        KeyWindow burst = window("acme", BURST, 120, 100);
        send(burst);
        harness.processElement(window("acme", BURST, 121, 101), burst.windowEnd - 1);

        assertThat(alerts()).extracting(SpikeAlert::getType).containsExactly("FIRED");
    }

    @Test
    void keysHaveBaselinesOfTheirOwn() throws Exception {
        for (int h = 0; h < BURST; h++) {
            send(quiet("acme", h));
            send(window("globex", h, 300 + h % 7, 30));
        }
        send(window("globex", BURST, 300, 30));
        send(window("acme", BURST, 300, 30));

        assertThat(alerts()).extracting(SpikeAlert::getKey).containsExactly("acme");
    }

    @Test
    void stateAndTimersAreEmptyOnceEveryKeyHasBeenSilentForTheLongestGap() throws Exception {
        for (int h = 0; h < BURST; h++) {
            send(quiet("acme", h));
            send(quiet("globex", h));
        }
        send(window("acme", BURST, 300, 250));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void windowsNotAlignedToTheLengthFeedNoDetector() throws Exception {
        harness.processElement(
                new KeyWindow("acme", HOUR / 2, HOUR / 2 + HOUR, 10, 1, new String[0]), HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void withoutVolumeAlertsOnlyARiseOfTheNegativeShareAlerts() throws Exception {
        harness.close();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new OpinionSpikeFunction(
                                        SpikeDetectorConfig.builder()
                                                .window(Duration.ofHours(1))
                                                .warmupWindows(6)
                                                .maxGapWindows(48)
                                                .build(),
                                        false)),
                        w -> w.key,
                        Types.STRING);
        harness.open();
        for (int h = 0; h < BURST; h++) {
            send(quiet("acme", h));
        }
        // ten times the volume, the same share: no sentiment fall
        send(window("acme", BURST, 300, 30));
        send(quiet("acme", BURST + 1));
        assertThat(alerts()).isEmpty();

        send(window("acme", BURST + 2, 30, 25));
        send(quiet("acme", BURST + 3));
        assertThat(alerts()).extracting(SpikeAlert::getSeries).containsOnly("negative_share");
        assertThat(alerts()).extracting(SpikeAlert::getType).containsExactly("FIRED", "RESOLVED");
    }

    @Test
    void itsRecordsAreFlinkPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(KeyWindow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(
                io.nlpstream.operators.entities.KeyedText.class);
    }
}
