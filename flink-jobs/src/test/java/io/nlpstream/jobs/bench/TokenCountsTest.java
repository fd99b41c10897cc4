package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.bundle.BundleIo;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.inference.EncoderSpec;
import io.nlpstream.serving.tokenize.Chunker;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCountsTest {
    /** Windows of 10 tokens: [CLS] + 8 content tokens + [SEP], consecutive windows share 2. */
    private static final Chunker CHUNKER = new Chunker(new long[] {101}, new long[] {102}, 10, 2);

    @Test
    void countsTheSpecialTokensOfEveryWindowAndEveryWindowOfALongText() {
        TokenCounts counts = TokenCounts.fromContentIds(new long[][] {ids(3), ids(20)}, CHUNKER);

        assertThat(counts.tokensOf(0)).isEqualTo(3 + 2);
        // 20 content tokens need windows starting at 0, 6 and 12: three full windows of 10.
        assertThat(counts.tokensOf(1)).isEqualTo(3 * 10);
        assertThat(counts.meanTokens()).isEqualTo((5 + 30) / 2.0);
    }

    @Test
    void averagesOverTheTextsTheRecordsCycleThrough() {
        TokenCounts counts = TokenCounts.fromContentIds(new long[][] {ids(3), ids(20)}, CHUNKER);

        assertThat(counts.meanTokensOfFirst(3)).isEqualTo((5 + 30 + 5) / 3.0);
        assertThat(counts.tokensOfCycle(1, 3)).isEqualTo(30 + 5 + 30);
        assertThat(counts.meanTokensOfFirst(2_000)).isEqualTo(counts.meanTokens());
    }

    @Test
    void padsEachRunOfLengthSortedWindowsToItsLongest() {
        // Sorted: 3, 5 | 9, 10 in runs of 2: 2 x 5 + 2 x 10 positions for 27 real tokens.
        assertThat(TokenCounts.paddedTokens(new int[] {10, 3, 9, 5}, 2)).isEqualTo(30);
        // One run: everything padded to 10.
        assertThat(TokenCounts.paddedTokens(new int[] {10, 3, 9, 5}, 8)).isEqualTo(40);
        // Runs of one window are never padded.
        assertThat(TokenCounts.paddedTokens(new int[] {10, 3, 9, 5}, 1)).isEqualTo(27);
    }

    @Test
    void padsWithinACallOnlyNeverAcrossCalls() {
        TokenCounts counts = TokenCounts.fromContentIds(new long[][] {ids(3), ids(20)}, CHUNKER);

        // One text per call: the short text's run holds it alone, the long text's runs are full.
        TokenCounts.Padding alone = counts.paddingOfCalls(4, 1, 8);
        assertThat(alone.real()).isEqualTo(2 * (5 + 30));
        assertThat(alone.padded()).isEqualTo(alone.real());
        assertThat(alone.waste()).isEqualTo(1.0);

        // Both texts per call, one run of 4 windows: the 5-token window is padded to 10.
        TokenCounts.Padding together = counts.paddingOfCalls(4, 2, 8);
        assertThat(together.real()).isEqualTo(2 * (5 + 30));
        assertThat(together.padded()).isEqualTo(2 * (4 * 10));
        assertThat(together.waste()).isEqualTo(80.0 / 70.0);

        // A last call with fewer texts than the batch still counts.
        assertThat(counts.paddingOfCalls(3, 2, 8).padded()).isEqualTo(40 + 5);
    }

    @Test
    void countsWithTheBundlesOwnTokenizerAndWindow() {
        String longText = "word ".repeat(400);
        TokenCounts counts =
                TokenCounts.of(
                        BenchSettings.DEFAULT_MODEL, List.of("Works as described.", longText));

        // works / as / described / . plus [CLS] and [SEP]
        assertThat(counts.tokensOf(0)).isEqualTo(6);
        // 400 content tokens in windows of 256 (254 content) overlapping by 32: 2 full windows.
        assertThat(counts.tokensOf(1)).isEqualTo(2 * 256);
        assertThat(counts.describe()).containsEntry("texts_over_one_window", 1L);
    }

    private static long[] ids(int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = 1000 + i;
        }
        return ids;
    }

    @Test
    void aCompositeBundleCostsTheWindowsOfEveryEncoderWithItsTextPrefix(@TempDir Path dir) {
        // only the manifest matters to token counts; the head is the shipped one, never run here
        ModelBundle shipped = Bundles.load("sentiment");
        BundleManifest m = shipped.manifest();
        EncoderSpec spec = EncoderSpec.parse("bge-small-en-v1.5-q+e5-small-v2-q");
        Path composite = dir.resolve("composite");
        BundleIo.write(
                composite,
                new BundleManifest(
                        m.format(),
                        "composite",
                        m.version(),
                        spec.id(),
                        spec.pooling(),
                        m.maxTokens(),
                        m.overlap(),
                        m.labels(),
                        m.calibration(),
                        m.training(),
                        m.metrics(),
                        BundleManifest.EncoderPart.of(spec)),
                shipped.head());
        List<String> texts = List.of("Great phone.", "word ".repeat(600));

        TokenCounts single = TokenCounts.of("sentiment", texts);
        TokenCounts both = TokenCounts.of(composite.toString(), texts);

        // "Great phone." is 3 tokens: bge [CLS] 3 [SEP], e5 [CLS] query : 3 [SEP]
        assertThat(single.tokensOf(0)).isEqualTo(5);
        assertThat(both.tokensOf(0)).isEqualTo(5 + 7);
        // 600 content tokens need three full 256-token windows from each encoder
        assertThat(single.tokensOf(1)).isEqualTo(3 * 256);
        assertThat(both.tokensOf(1)).isEqualTo(2 * 3 * 256);
    }
}
