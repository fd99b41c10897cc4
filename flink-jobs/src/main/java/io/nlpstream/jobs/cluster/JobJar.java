package io.nlpstream.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the shaded job jar the flink-jobs build writes ({@code target/flink-jobs-*-job.jar}). */
public final class JobJar {
    private JobJar() {}

    public static Path built() throws IOException {
        Path target = ClusterClasspath.directory().getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("flink-jobs-.*-job\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no job jar in "
                                                    + target
                                                    + ": build it with mvn -pl flink-jobs -am package"));
        }
    }
}
