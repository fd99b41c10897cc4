package io.nlpstream.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory of this process as Linux reports it in {@code /proc/self/status}. */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /** Peak resident set size (VmHWM) in bytes, -1 where /proc is not available. */
    static long peakBytes() {
        return read("VmHWM:");
    }

    /** Current resident set size (VmRSS) in bytes, -1 where /proc is not available. */
    static long currentBytes() {
        return read("VmRSS:");
    }

    private static long read(String field) {
        try {
            return parse(Files.readAllLines(STATUS), field);
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The value of a {@code Field:   1234 kB} line in bytes, -1 when absent. */
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
