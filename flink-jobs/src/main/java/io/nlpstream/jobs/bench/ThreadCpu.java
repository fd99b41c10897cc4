package io.nlpstream.jobs.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the CPU time of this process goes: per-thread user + system time from {@code
 * /proc/self/task}, grouped by what the threads do (the inference task, other Flink tasks, Kafka
 * source and sinks, the embedded broker, the JIT compiler, GC, the benchmark's own producer and
 * reader). Native threads are counted too, which a Java thread bean cannot do.
 */
final class ThreadCpu {
    /** Linux reports thread times in clock ticks of 1/100 s on every common platform. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Pattern SUBTASK = Pattern.compile("\\(\\d+/(\\d+)\\)#\\d+$");
    private static final Path MACHINE_STAT = Path.of("/proc/stat");

    /** The threads' CPU ticks, the machine's busy and total ticks, and when they were read. */
    record Snapshot(
            Map<Long, ThreadTicks> threads, long machineBusy, long machineTotal, long nanos) {}

    /** One thread's name as the kernel keeps it (15 characters at most) and its CPU ticks. */
    record ThreadTicks(String name, long ticks) {}

    private ThreadCpu() {}

    /** Reads every thread of this process; an empty snapshot where /proc is not there. */
    static Snapshot take() {
        Map<Long, ThreadTicks> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    // Only the line end goes: a 15-character prefix may end in a space.
                    String name = Files.readString(task.resolve("comm")).replace("\n", "");
                    long ticks = ticks(Files.readString(task.resolve("stat")));
                    threads.put(
                            Long.parseLong(task.getFileName().toString()),
                            new ThreadTicks(name, ticks));
                } catch (IOException | RuntimeException e) {
                    // The thread ended while it was read; it is left out.
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return new Snapshot(Map.of(), 0, 0, System.nanoTime());
        }
        long[] machine = machineTicks();
        return new Snapshot(threads, machine[0], machine[1], System.nanoTime());
    }

    /**
     * The CPU time spent between two snapshots, in cores (1.0 = one core busy the whole time): in
     * all, per group of threads, for the busiest threads, and for the whole machine (which shows
     * other processes competing for the cores).
     */
    static Map<String, Object> between(
            Snapshot start, Snapshot end, Map<String, String> fullNames) {
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        if (start.threads().isEmpty() || seconds <= 0) {
            return out;
        }
        Map<String, Long> byGroup = new LinkedHashMap<>();
        for (String group : Group.NAMES) {
            byGroup.put(group, 0L);
        }
        Map<String, Long> byThread = new HashMap<>();
        long total = 0;
        for (Map.Entry<Long, ThreadTicks> e : end.threads().entrySet()) {
            ThreadTicks before = start.threads().get(e.getKey());
            long used = e.getValue().ticks() - (before == null ? 0 : before.ticks());
            if (used <= 0) {
                continue;
            }
            String name = fullNames.getOrDefault(e.getValue().name(), e.getValue().name());
            byGroup.merge(Group.of(name), used, Long::sum);
            byThread.merge(name, used, Long::sum);
            total += used;
        }
        out.put("window_s", Report.round(seconds, 1));
        out.put("process_cores", cores(total, seconds));
        long machineTotal = end.machineTotal() - start.machineTotal();
        if (machineTotal > 0) {
            double machineCores = Runtime.getRuntime().availableProcessors();
            out.put(
                    "machine_cores_busy",
                    Report.round(
                            machineCores * (end.machineBusy() - start.machineBusy()) / machineTotal,
                            2));
        }
        Map<String, Object> groups = new LinkedHashMap<>();
        byGroup.forEach((group, ticks) -> groups.put(group, cores(ticks, seconds)));
        out.put("groups_cores", groups);
        List<Map.Entry<String, Long>> busiest = new ArrayList<>(byThread.entrySet());
        busiest.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        Map<String, Object> top = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : busiest.subList(0, Math.min(8, busiest.size()))) {
            top.put(e.getKey(), cores(e.getValue(), seconds));
        }
        out.put("busiest_threads_cores", top);
        return out;
    }

    /**
     * Java thread names by the 15-character prefix the kernel keeps, so that a Flink task thread
     * can be told by its whole name. The subtask index is left out, so the subtasks of one task
     * share a name; where different threads share a prefix, what their names share stands for them,
     * ending in an ellipsis.
     */
    static Map<String, String> javaThreadNames() {
        Map<String, String> names = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String full = t.getName();
            String prefix = full.length() > 15 ? full.substring(0, 15) : full;
            names.merge(prefix, SUBTASK.matcher(full).replaceAll("(*/$1)"), ThreadCpu::sharedPart);
        }
        return names;
    }

    private static String sharedPart(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        String shared = a.substring(0, n);
        return shared.endsWith("\u2026") ? shared : shared + "\u2026";
    }

    /** One line of the printed table: the groups that used at least 0.02 cores. */
    static String describe(Map<String, Object> cpu) {
        if (!(cpu.get("groups_cores") instanceof Map<?, ?> groups)) {
            return "";
        }
        StringBuilder line = new StringBuilder();
        for (Map.Entry<?, ?> e : groups.entrySet()) {
            double cores = ((Number) e.getValue()).doubleValue();
            if (cores >= 0.02) {
                line.append(line.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.2f", e.getKey(), cores));
            }
        }
        return line.toString();
    }

    /** utime + stime of a {@code /proc/.../stat} line, whose name field may hold spaces. */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // After the name: state is field 3 of the line, utime 14 and stime 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(MACHINE_STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static double cores(long ticks, double seconds) {
        return Report.round(ticks / TICKS_PER_SECOND / seconds, 3);
    }

    /** What a thread does, told by its name. */
    static final class Group {
        static final String INFERENCE = "inference_task";
        static final String FLINK_TASKS = "other_flink_tasks";
        static final String FLUSHERS = "flink_output_flushers";
        static final String FLINK_RUNTIME = "flink_runtime";
        static final String KAFKA_SOURCE = "kafka_source_fetchers";
        static final String KAFKA_PRODUCERS = "kafka_producers";
        static final String BROKER = "kafka_broker";
        static final String JIT = "jit_compiler";
        static final String GC = "gc_and_vm";
        static final String BENCH = "bench_producer_and_reader";
        static final String OTHER = "other";
        static final List<String> NAMES =
                List.of(
                        INFERENCE,
                        FLINK_TASKS,
                        FLUSHERS,
                        FLINK_RUNTIME,
                        KAFKA_SOURCE,
                        KAFKA_PRODUCERS,
                        BROKER,
                        JIT,
                        GC,
                        BENCH,
                        OTHER);

        private static final List<String> BROKER_PREFIXES =
                List.of(
                        "data-plane-kafka",
                        "kafka-",
                        "executor-",
                        "ExpirationReaper",
                        "TxnMarkerSender",
                        "transaction-",
                        "group-coordinator",
                        "share-coordinator",
                        "raft-",
                        "controller-",
                        "broker-",
                        "LogDirFailureHandler",
                        "quorum-");
        private static final List<String> FLINK_RUNTIME_PREFIXES =
                List.of(
                        "flink-",
                        "Flink-",
                        "Channel state writer",
                        "AsyncOperations",
                        "jobmanager-",
                        "Checkpoint",
                        "Legacy Source",
                        "mini-cluster",
                        "pool-",
                        "Sweeper thread");

        // A Flink task thread's name ends in its subtask, as in "(1/2)#0", or in a star for the
        // subtask index once the subtasks of a task share one name.
        private static final Pattern TASK = Pattern.compile("\\((\\*|\\d+)/\\d+\\)(#\\d+)?$");

        private Group() {}

        static String of(String threadName) {
            if (threadName.startsWith("micro-batch inference")) {
                return INFERENCE;
            }
            if (threadName.startsWith("OutputFlusher")) {
                return FLUSHERS;
            }
            if (threadName.startsWith("Source Data Fetcher")) {
                return KAFKA_SOURCE;
            }
            if (threadName.startsWith("kafka-producer-network-thread")) {
                // The kernel keeps 15 characters of a name: the job's sink producers and, in the
                // latency phases, the harness's input producer cannot be told apart.
                return KAFKA_PRODUCERS;
            }
            if (threadName.startsWith("Source: ") || TASK.matcher(threadName).find()) {
                return FLINK_TASKS;
            }
            // The JVM's main thread keeps the launcher's name, java, for the kernel.
            if (threadName.startsWith("bench-")
                    || threadName.equals("main")
                    || threadName.equals("java")) {
                return BENCH;
            }
            if (threadName.contains("CompilerThre")) {
                return JIT;
            }
            if (threadName.startsWith("GC Thread")
                    || threadName.startsWith("G1 ")
                    || threadName.startsWith("VM ")) {
                return GC;
            }
            for (String prefix : BROKER_PREFIXES) {
                if (threadName.startsWith(prefix)) {
                    return BROKER;
                }
            }
            for (String prefix : FLINK_RUNTIME_PREFIXES) {
                if (threadName.startsWith(prefix)) {
                    return FLINK_RUNTIME;
                }
            }
            return OTHER;
        }
    }
}
