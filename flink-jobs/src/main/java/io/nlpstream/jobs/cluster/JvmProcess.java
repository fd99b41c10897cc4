package io.nlpstream.jobs.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one cluster process: a JVM with the cluster class path, its own heap settings and a log
 * file that receives both its standard output and error. The process outlives the caller.
 */
final class JvmProcess {
    /** What Flink 2 needs opened on Java 17 (a Flink distribution sets these in config.yaml). */
    static final List<String> OPENS =
            List.of(
                    "java.base/java.util",
                    "java.base/java.lang",
                    "java.base/java.lang.invoke",
                    "java.base/java.lang.reflect",
                    "java.base/java.nio",
                    "java.base/sun.nio.ch",
                    "java.base/java.net",
                    "java.base/java.io",
                    "java.base/java.time",
                    "java.base/java.text",
                    "java.base/java.math",
                    "java.base/java.util.concurrent",
                    "java.base/java.util.concurrent.atomic",
                    "java.sql/java.sql");

    private JvmProcess() {}

    static Process start(
            String classpath,
            List<String> jvmOptions,
            String mainClass,
            List<String> args,
            Path log4jConfig,
            Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        for (String open : OPENS) {
            command.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        command.add("-Dlog4j.configurationFile=" + log4jConfig.toAbsolutePath());
        command.add("-Dlog.file=" + logFile.toAbsolutePath());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // Fewer glibc malloc arenas: ONNX Runtime and Kafka threads otherwise each grow their own.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().put("DJL_OFFLINE", "true");
        return builder.start();
    }

    /** Runs a short tool process to completion and fails with its log on a non-zero exit. */
    static void runToCompletion(
            String classpath,
            String mainClass,
            List<String> args,
            Path log4jConfig,
            Path logFile,
            long timeoutSeconds)
            throws IOException, InterruptedException {
        Process p = start(classpath, List.of("-Xmx256m"), mainClass, args, log4jConfig, logFile);
        if (!p.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(mainClass + " did not finish; see " + logFile);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    mainClass + " failed with exit code " + p.exitValue() + "; see " + logFile);
        }
    }
}
