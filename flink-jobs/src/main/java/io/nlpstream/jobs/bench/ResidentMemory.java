package io.nlpstream.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resident memory of this process as Linux reports it in {@code /proc/self/status}, with a peak
 * that can be restarted per phase while the process-wide peak is kept.
 */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** The highest peak seen before the kernel's peak was last restarted. */
    private static long earlierPeak = -1;

    private ResidentMemory() {}

    /** Peak resident set size of the whole process run so far in bytes, -1 without /proc. */
    static synchronized long peakBytes() {
        return Math.max(earlierPeak, phasePeakBytes());
    }

    /** Peak resident set size (VmHWM) since the last {@link #restartPeak()}, -1 without /proc. */
    static long phasePeakBytes() {
        return read("VmHWM:");
    }

    /** Current resident set size (VmRSS) in bytes, -1 where /proc is not available. */
    static long currentBytes() {
        return read("VmRSS:");
    }

    /**
     * Restarts the kernel's peak at the current resident size (writing 5 to clear_refs), so that
     * {@link #phasePeakBytes()} covers what follows; false where that is not allowed.
     */
    static synchronized boolean restartPeak() {
        earlierPeak = Math.max(earlierPeak, phasePeakBytes());
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static long read(String field) {
        try {
            return parse(Files.readAllLines(STATUS), field);
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The value of a {@code Field: 1234 kB} line in bytes, -1 when absent. */
    static long parse(List<String> statusLines, String field) {
        for (String line : statusLines) {
            if (line.startsWith(field)) {
                String[] parts = line.substring(field.length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }
}
