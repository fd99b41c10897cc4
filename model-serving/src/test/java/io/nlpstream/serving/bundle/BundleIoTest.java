package io.nlpstream.serving.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.serving.head.LinearHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleIoTest {
    @TempDir Path dir;

    private static final LinearHead HEAD =
            new LinearHead(
                    List.of("no", "yes"),
                    new double[] {0.1, -0.2, 0.3},
                    new double[] {1.0, 2.0, 0.5},
                    new double[][] {{0.5, -1, 2}, {-0.5, 1, -2}},
                    new double[] {0.25, -0.25});

    private static BundleManifest manifest(String encoder, List<String> labels) {
        return new BundleManifest(
                BundleManifest.FORMAT,
                "toy",
                "7",
                encoder,
                "MEAN",
                128,
                16,
                labels,
                new BundleManifest.Calibration("temperature", 1.5),
                Map.of("data", "unit test"),
                Map.of("heldout.auc", 0.75));
    }

    @Test
    void roundTripKeepsEverything() {
        BundleIo.write(dir, manifest("all-minilm-l6-v2-q", List.of("no", "yes")), HEAD);

        ModelBundle read = Bundles.load(dir.toString());

        assertThat(read.manifest()).isEqualTo(manifest("all-minilm-l6-v2-q", List.of("no", "yes")));
        assertThat(read.head().weights()).isDeepEqualTo(HEAD.weights());
        assertThat(read.head().mean()).containsExactly(HEAD.mean());
        assertThat(read.head().scale()).containsExactly(HEAD.scale());
        assertThat(read.head().bias()).containsExactly(HEAD.bias());
        assertThat(read.head().logits(new float[] {1, 2, 3}))
                .containsExactly(HEAD.logits(new float[] {1, 2, 3}));
        assertThat(read.descriptor().id()).isEqualTo("toy");
        assertThat(read.describe()).contains("toy 7", "all-minilm-l6-v2-q", "heldout.auc = 0.7500");
    }

    @Test
    void missingFileIsNamed() throws IOException {
        BundleIo.write(dir, manifest("all-minilm-l6-v2-q", List.of("no", "yes")), HEAD);
        Files.delete(dir.resolve("head.json"));
        assertThatThrownBy(() -> Bundles.load(dir.toString()))
                .isInstanceOf(BundleException.class)
                .hasMessage("Bundle file missing: " + dir.toAbsolutePath() + "/head.json");
    }

    @Test
    void corruptJsonIsNamed() throws IOException {
        BundleIo.write(dir, manifest("all-minilm-l6-v2-q", List.of("no", "yes")), HEAD);
        Files.writeString(dir.resolve("bundle.json"), "{\"format\": 1, \"id\": ");
        assertThatThrownBy(() -> Bundles.load(dir.toString()))
                .isInstanceOf(BundleException.class)
                .hasMessageStartingWith(
                        "Bundle file is corrupt: " + dir.toAbsolutePath() + "/bundle.json");
    }

    @Test
    void truncatedHeadIsRejected() throws IOException {
        BundleIo.write(dir, manifest("all-minilm-l6-v2-q", List.of("no", "yes")), HEAD);
        String head = Files.readString(dir.resolve("head.json"));
        Files.writeString(dir.resolve("head.json"), head.replace("\"bias\"", "\"unused\""));
        assertThatThrownBy(() -> Bundles.load(dir.toString()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining(dir.toAbsolutePath() + "/head.json");
    }

    @Test
    void unknownEncoderAndLabelMismatchAreRejected() {
        BundleIo.write(dir, manifest("gpt-17", List.of("no", "yes")), HEAD);
        assertThatThrownBy(() -> Bundles.load(dir.toString()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("bundle.json: Unknown encoder gpt-17");

        Path other = dir.resolveSibling(dir.getFileName() + "-labels");
        BundleIo.write(other, manifest("all-minilm-l6-v2-q", List.of("yes", "no")), HEAD);
        assertThatThrownBy(() -> Bundles.load(other.toString()))
                .isInstanceOf(BundleException.class)
                .hasMessageEndingWith(
                        "head.json: labels [no, yes] differ from bundle.json [yes, no]");
    }

    @Test
    void aBundleIsNeverOverwrittenAndNoTemporaryFilesRemain() throws IOException {
        Path target = dir.resolve("toy-7");
        BundleIo.write(target, manifest("all-minilm-l6-v2-q", List.of("no", "yes")), HEAD);
        String before = Files.readString(target.resolve("head.json"));

        LinearHead other =
                new LinearHead(
                        List.of("no", "yes"),
                        new double[] {9, 9, 9},
                        new double[] {1, 1, 1},
                        new double[][] {{1, 1, 1}, {-1, -1, -1}},
                        new double[] {0, 0});
        assertThatThrownBy(
                        () ->
                                BundleIo.write(
                                        target,
                                        manifest("all-minilm-l6-v2-q", List.of("no", "yes")),
                                        other))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("bundles are never overwritten");

        assertThat(Files.readString(target.resolve("head.json"))).isEqualTo(before);
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .as("only the renamed bundle, no temporary directory")
                    .containsExactly("toy-7");
        }
    }

    @Test
    void unknownNameListsTheShippedBundles() {
        assertThatThrownBy(() -> Bundles.load("no-such-model"))
                .isInstanceOf(BundleException.class)
                .hasMessage(
                        "No model bundle named or at 'no-such-model': give a bundle directory or one of [sentiment, sentiment-minilm, email-triage]");
    }

    @Test
    void shippedBundlesLoadFromTheClassPath() {
        for (String name : Bundles.SHIPPED) {
            ModelBundle bundle = Bundles.load(name);
            assertThat(bundle.location()).isEqualTo("classpath:nlpstream/bundles/" + name);
            assertThat(bundle.manifest().id()).isEqualTo(name);
            assertThat(bundle.manifest().metrics())
                    .containsKeys("heldout.accuracy", "heldout.auc", "heldout.ece");
        }
        assertThat(Bundles.load("sentiment").manifest().metrics().get("heldout.auc"))
                .isGreaterThan(0.95);
        assertThat(Bundles.load("email-triage").manifest().labels())
                .containsExactly("ham", "hard-ham", "spam");
    }
}
