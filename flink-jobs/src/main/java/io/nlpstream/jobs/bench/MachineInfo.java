package io.nlpstream.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on: cores, CPU model, memory, operating system and JVM. */
final class MachineInfo {
    private MachineInfo() {}

    static Map<String, Object> describe() {
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", runtime.availableProcessors());
        out.put("cpu", cpuModel());
        out.put("memory_total_mib", memTotalMib());
        out.put(
                "os",
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"));
        out.put(
                "jvm",
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"));
        out.put("jvm_max_heap_mib", runtime.maxMemory() / (1024 * 1024));
        out.put(
                "jvm_flags",
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(flag -> flag.startsWith("-X"))
                        .toList());
        return out;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc unreadable: leave the model unknown.
        }
        return "unknown";
    }

    private static long memTotalMib() {
        try {
            long bytes =
                    ResidentMemory.parse(Files.readAllLines(Path.of("/proc/meminfo")), "MemTotal:");
            return bytes < 0 ? -1 : bytes / (1024 * 1024);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
