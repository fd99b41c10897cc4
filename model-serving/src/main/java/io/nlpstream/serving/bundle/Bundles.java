package io.nlpstream.serving.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a bundle by shipped name ({@code sentiment}, {@code email-triage}) or by directory path.
 */
public final class Bundles {
    /** Names of the bundles shipped inside this jar. */
    public static final List<String> SHIPPED =
            List.of("sentiment", "sentiment-minilm", "email-triage");

    static final String PREFIX = "nlpstream/bundles/";

    private Bundles() {}

    /** Loads and validates the bundle a name or directory path refers to. */
    public static ModelBundle load(String nameOrPath) {
        Path dir = Path.of(nameOrPath);
        if (Files.isDirectory(dir)) {
            return BundleIo.read(BundleIo.directory(dir));
        }
        if (BundleIo.class
                        .getClassLoader()
                        .getResource(PREFIX + nameOrPath + "/" + BundleIo.MANIFEST)
                != null) {
            return BundleIo.read(BundleIo.classpath(PREFIX + nameOrPath));
        }
        throw new BundleException(
                "No model bundle named or at '"
                        + nameOrPath
                        + "': give a bundle directory or one of "
                        + SHIPPED);
    }
}
