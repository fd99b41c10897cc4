package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {
    private static final List<String> STATUS =
            List.of(
                    "Name:\tjava",
                    "VmPeak:\t 9000000 kB",
                    "VmHWM:\t  1048576 kB",
                    "VmRSS:\t   524288 kB");

    @Test
    void readsKilobyteFieldsAsBytes() {
        assertThat(ResidentMemory.parse(STATUS, "VmHWM:")).isEqualTo(1024L * 1024 * 1024);
        assertThat(ResidentMemory.parse(STATUS, "VmRSS:")).isEqualTo(512L * 1024 * 1024);
    }

    @Test
    void saysMinusOneForAMissingField() {
        assertThat(ResidentMemory.parse(STATUS, "VmSwap:")).isEqualTo(-1);
    }

    @Test
    void readsThisProcessOnLinux() {
        // The current size first: memory may grow between the two reads, the peak never lags it.
        long current = ResidentMemory.currentBytes();
        long peak = ResidentMemory.peakBytes();
        if (peak >= 0) {
            assertThat(peak).isGreaterThanOrEqualTo(current).isPositive();
        }
    }

    @Test
    void keepsTheProcessPeakWhenAPhasePeakIsRestarted() {
        long before = ResidentMemory.peakBytes();
        if (before >= 0 && ResidentMemory.restartPeak()) {
            // Read the phase peak first: both only grow from here.
            long phasePeak = ResidentMemory.phasePeakBytes();
            long processPeak = ResidentMemory.peakBytes();
            assertThat(processPeak).isGreaterThanOrEqualTo(before);
            assertThat(phasePeak).isPositive().isLessThanOrEqualTo(processPeak);
        }
    }
}
