package io.nlpstream.serving.datasets;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the dataset cache that {@code bin/fetch-datasets} fills. */
public final class DataDirectory {
    /** System property naming the cache directory; the environment variable has the same role. */
    public static final String PROPERTY = "nlpstream.data.dir";

    public static final String ENV = "NLPSTREAM_DATA_DIR";

    private DataDirectory() {}

    /**
     * The configured cache directory, or {@code <repo>/.cache/datasets} found upwards from here.
     */
    public static Path resolve() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("bin/fetch-datasets"))) {
                return dir.resolve(".cache/datasets");
            }
            dir = dir.getParent();
        }
        return Path.of(".cache/datasets").toAbsolutePath();
    }

    /**
     * A dataset folder inside the cache; fails with a hint at the fetch script when it is absent.
     */
    public static Path require(Path cache, String dataset) {
        Path dir = cache.resolve(dataset);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "Dataset "
                            + dataset
                            + " not found in "
                            + cache
                            + ": run bin/fetch-datasets (or set -D"
                            + PROPERTY
                            + " / "
                            + ENV
                            + " to the cache directory)");
        }
        return dir;
    }
}
