package io.nlpstream.serving.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nlpstream.serving.head.LinearHead;
import io.nlpstream.serving.inference.EncoderSpec;
import io.nlpstream.serving.inference.Pooling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/** Reads, validates and writes model bundles: {@code bundle.json} plus {@code head.json}. */
public final class BundleIo {
    public static final String MANIFEST = "bundle.json";
    public static final String HEAD = "head.json";

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Where the files of a bundle are read from. */
    public interface Source {
        /** The named file, or null when absent. */
        InputStream open(String file) throws IOException;

        String location();
    }

    private BundleIo() {}

    /** A bundle directory on disk. */
    public static Source directory(Path dir) {
        return new Source() {
            @Override
            public InputStream open(String file) throws IOException {
                Path path = dir.resolve(file);
                return Files.isRegularFile(path) ? Files.newInputStream(path) : null;
            }

            @Override
            public String location() {
                return dir.toAbsolutePath().toString();
            }
        };
    }

    /**
     * A bundle inside a jar, under a class path prefix such as {@code nlpstream/bundles/sentiment}.
     */
    public static Source classpath(String prefix) {
        return new Source() {
            @Override
            public InputStream open(String file) {
                return BundleIo.class.getClassLoader().getResourceAsStream(prefix + "/" + file);
            }

            @Override
            public String location() {
                return "classpath:" + prefix;
            }
        };
    }

    /** Reads and validates a bundle. */
    public static ModelBundle read(Source source) {
        BundleManifest manifest = readJson(source, MANIFEST, BundleManifest.class);
        HeadFile head = readJson(source, HEAD, HeadFile.class);
        String where = source.location();
        if (manifest.format() != BundleManifest.FORMAT) {
            throw new BundleException(
                    where
                            + "/"
                            + MANIFEST
                            + ": format "
                            + manifest.format()
                            + " is not supported (expected "
                            + BundleManifest.FORMAT
                            + ")");
        }
        require(
                where,
                MANIFEST,
                manifest.id() != null && !manifest.id().isBlank(),
                "id is missing");
        require(where, MANIFEST, manifest.version() != null, "version is missing");
        require(
                where,
                MANIFEST,
                manifest.labels() != null && manifest.labels().size() >= 2,
                "needs at least two labels");
        require(
                where,
                MANIFEST,
                manifest.calibration() != null && manifest.calibration().temperature() > 0,
                "calibration temperature must be > 0");
        require(
                where,
                MANIFEST,
                manifest.training() != null && manifest.metrics() != null,
                "training and metrics are required");
        EncoderSpec encoders;
        try {
            encoders = EncoderSpec.parse(String.valueOf(manifest.encoder()));
            String[] poolings = String.valueOf(manifest.pooling()).split("\\+", -1);
            for (String pooling : poolings) {
                Pooling.valueOf(pooling.strip().toUpperCase(Locale.ROOT));
            }
            if (poolings.length != encoders.parts().size()) {
                throw new IllegalArgumentException(
                        "pooling "
                                + manifest.pooling()
                                + " does not name one per encoder of "
                                + encoders);
            }
        } catch (IllegalArgumentException e) {
            throw new BundleException(where + "/" + MANIFEST + ": " + e.getMessage(), e);
        }
        require(
                where,
                MANIFEST,
                manifest.encoders() == null
                        || manifest.encoders().equals(BundleManifest.EncoderPart.of(encoders)),
                "encoders "
                        + manifest.encoders()
                        + " differ from what "
                        + encoders
                        + " is: "
                        + BundleManifest.EncoderPart.of(encoders));
        require(
                where,
                MANIFEST,
                manifest.maxTokens() >= 8 && manifest.maxTokens() <= encoders.maxTokens(),
                "maxTokens must be in [8, " + encoders.maxTokens() + "] for " + encoders);
        require(
                where,
                HEAD,
                manifest.labels().equals(head.labels()),
                "labels " + head.labels() + " differ from bundle.json " + manifest.labels());
        require(
                where,
                HEAD,
                head.mean() != null
                        && head.scale() != null
                        && head.weights() != null
                        && head.bias() != null,
                "mean, scale, weights and bias are required");
        require(where, HEAD, allFinite(head), "holds a NaN or infinite number");
        require(where, HEAD, Arrays.stream(head.scale()).allMatch(s -> s > 0), "scale must be > 0");
        try {
            return new ModelBundle(
                    manifest,
                    new LinearHead(
                            head.labels(), head.mean(), head.scale(), head.weights(), head.bias()),
                    where);
        } catch (IllegalArgumentException e) {
            throw new BundleException(where + "/" + HEAD + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a bundle's two files into {@code dir}: first into a temporary directory beside it,
     * which is then renamed, so a reader sees the whole bundle or none. A directory that already
     * holds a bundle is never overwritten (an empty one is replaced).
     */
    public static void write(Path dir, BundleManifest manifest, LinearHead head) {
        Path target = dir.toAbsolutePath();
        if (Files.isDirectory(target) && !isEmptyDirectory(target)) {
            throw new BundleException(
                    "Bundle directory "
                            + target
                            + " is not empty; bundles are never overwritten, write a new"
                            + " version elsewhere");
        }
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            JSON.writeValue(temp.resolve(MANIFEST).toFile(), manifest);
            JSON.writeValue(
                    temp.resolve(HEAD).toFile(),
                    new HeadFile(
                            head.labels(), head.mean(), head.scale(), head.weights(), head.bias()));
            Files.deleteIfExists(target); // only an empty directory gets here
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write bundle to " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try (Stream<Path> entries = Files.list(temp)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a leftover hidden temporary directory is harmless
        }
    }

    private static <T> T readJson(Source source, String file, Class<T> type) {
        String where = source.location() + "/" + file;
        try (InputStream in = source.open(file)) {
            if (in == null) {
                throw new BundleException("Bundle file missing: " + where);
            }
            T value = JSON.readValue(in, type);
            if (value == null) {
                throw new BundleException("Bundle file is empty: " + where);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new BundleException(
                    "Bundle file is corrupt: " + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BundleException(
                    "Cannot read bundle file " + where + ": " + e.getMessage(), e);
        }
    }

    private static void require(String where, String file, boolean ok, String fault) {
        if (!ok) {
            throw new BundleException(
                    "Bundle file is invalid: " + where + "/" + file + ": " + fault);
        }
    }

    private static boolean allFinite(HeadFile head) {
        return Arrays.stream(head.mean()).allMatch(Double::isFinite)
                && Arrays.stream(head.scale()).allMatch(Double::isFinite)
                && Arrays.stream(head.bias()).allMatch(Double::isFinite)
                && Arrays.stream(head.weights())
                        .flatMapToDouble(Arrays::stream)
                        .allMatch(Double::isFinite);
    }
}
