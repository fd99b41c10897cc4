package io.nlpstream.jobs.cluster;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path of the cluster's processes, written by the flink-jobs build ({@code
 * cluster-classpath-*} executions) next to the launcher's: Flink with its reporter and state
 * backend, the Kafka broker and logging, but not the job, which reaches the cluster as a jar.
 */
public final class ClusterClasspath {
    /** Overrides the folder that holds the class path files. */
    public static final String DIR_PROPERTY = "nlpstream.cluster.classpath-dir";

    static final String[] FILES = {
        "cluster-compile-classpath.txt", "cluster-runtime-classpath.txt"
    };

    private ClusterClasspath() {}

    /** The joined class path, from the folder the build wrote it to. */
    public static String read() throws IOException {
        return read(directory());
    }

    static String read(Path dir) throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String name : FILES) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(
                        "missing "
                                + file
                                + ": build flink-jobs first (mvn -pl flink-jobs -am package)");
            }
            for (String entry : Files.readString(file).trim().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** flink-jobs/target/launcher, found from where this class was loaded (target/classes). */
    static Path directory() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null) {
            return Path.of(override);
        }
        try {
            Path source =
                    Path.of(
                            ClusterClasspath.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            return source.getParent().resolve("launcher");
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException(
                    "cannot tell where flink-jobs was built; set -D" + DIR_PROPERTY, e);
        }
    }
}
