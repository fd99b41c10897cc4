package io.nlpstream.jobs.bench;

import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.inference.EncoderSpec;
import io.nlpstream.serving.inference.LengthBuckets;
import io.nlpstream.serving.tokenize.Chunker;
import io.nlpstream.serving.tokenize.EncoderTokenizer;
import io.nlpstream.serving.tokenize.TokenWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens each text of a dataset costs the model, counted as the model sees them: every model
 * window with its special tokens, long texts split into overlapping windows as model serving does.
 */
final class TokenCounts {
    private final int[][] windowLengths;
    private final long[] tokens;
    private final long total;

    private TokenCounts(int[][] windowLengths) {
        if (windowLengths.length == 0) {
            throw new IllegalArgumentException("no texts to count tokens of");
        }
        this.windowLengths = windowLengths;
        this.tokens = new long[windowLengths.length];
        long sum = 0;
        for (int i = 0; i < windowLengths.length; i++) {
            for (int length : windowLengths[i]) {
                tokens[i] += length;
            }
            sum += tokens[i];
        }
        this.total = sum;
    }

    /**
     * Token counts of {@code texts} with the tokenizer, window and overlap of a model bundle; for a
     * composite of encoders, the windows of every encoder, since each runs every text.
     */
    static TokenCounts of(String model, List<String> texts) {
        BundleManifest manifest = Bundles.load(model).manifest();
        int[][] lengths = new int[texts.size()][0];
        for (Encoder encoder : EncoderSpec.parse(manifest.encoder()).parts()) {
            try (EncoderTokenizer tokenizer =
                    EncoderTokenizer.fromResource(
                            encoder.tokenizerResource(), encoder.textPrefix())) {
                int[][] part =
                        windowLengths(
                                tokenizer.contentIds(texts),
                                tokenizer.chunker(manifest.maxTokens(), manifest.overlap()));
                for (int i = 0; i < lengths.length; i++) {
                    int[] joined = Arrays.copyOf(lengths[i], lengths[i].length + part[i].length);
                    System.arraycopy(part[i], 0, joined, lengths[i].length, part[i].length);
                    lengths[i] = joined;
                }
            }
        }
        return new TokenCounts(lengths);
    }

    /** Token counts of texts given as content ids (no special tokens), windowed by a chunker. */
    static TokenCounts fromContentIds(long[][] contentIds, Chunker chunker) {
        return new TokenCounts(windowLengths(contentIds, chunker));
    }

    private static int[][] windowLengths(long[][] contentIds, Chunker chunker) {
        int[][] lengths = new int[contentIds.length][];
        for (int i = 0; i < contentIds.length; i++) {
            List<TokenWindow> windows = chunker.split(i, contentIds[i]);
            lengths[i] = windows.stream().mapToInt(TokenWindow::length).toArray();
        }
        return lengths;
    }

    /** How many texts are counted. */
    int size() {
        return tokens.length;
    }

    /** Tokens of text {@code index}, summed over its windows. */
    long tokensOf(int index) {
        return tokens[index];
    }

    /** Token counts of the dataset for the report: mean, p50, p95, max, texts over one window. */
    Map<String, Object> describe() {
        long[] sorted = tokens.clone();
        Arrays.sort(sorted);
        long multiWindow = Arrays.stream(windowLengths).filter(w -> w.length > 1).count();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tokens_mean", Report.round(meanTokens(), 1));
        out.put("tokens_p50", sorted[sorted.length / 2]);
        out.put(
                "tokens_p95",
                sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]);
        out.put("tokens_max", sorted[sorted.length - 1]);
        out.put("texts_over_one_window", multiWindow);
        return out;
    }

    /** Mean tokens per text over the whole dataset. */
    double meanTokens() {
        return (double) total / tokens.length;
    }

    /**
     * Mean tokens per text over the first {@code count} texts of the dataset cycled in order, as
     * the benchmark's records and raw batches take them.
     */
    double meanTokensOfFirst(long count) {
        if (count <= 0) {
            return meanTokens();
        }
        return (double) tokensOfCycle(0, count) / count;
    }

    /** Tokens of {@code count} texts from position {@code from} of the dataset cycled in order. */
    long tokensOfCycle(long from, long count) {
        long rounds = count / tokens.length;
        long sum = rounds * total;
        for (long i = rounds * tokens.length; i < count; i++) {
            sum += tokens[(int) ((from + i) % tokens.length)];
        }
        return sum;
    }

    /**
     * Token positions the model computes for one call with the texts from position {@code from}
     * (cycled): their windows sorted by length and cut into runs of at most {@code runBatch}, each
     * run padded to its longest window (see {@link LengthBuckets} and model serving's {@code
     * ChunkEmbedder}).
     */
    long paddedTokensOfCall(long from, int count, int runBatch) {
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (int length : windowLengths[(int) ((from + i) % tokens.length)]) {
                lengths.add(length);
            }
        }
        return paddedTokens(lengths.stream().mapToInt(Integer::intValue).toArray(), runBatch);
    }

    /**
     * Σ over runs of (run size × longest window in the run), runs planned as model serving does.
     */
    static long paddedTokens(int[] windowLengths, int runBatch) {
        long padded = 0;
        for (int[] run : LengthBuckets.plan(windowLengths, runBatch)) {
            int longest = 0;
            for (int index : run) {
                longest = Math.max(longest, windowLengths[index]);
            }
            padded += (long) run.length * longest;
        }
        return padded;
    }

    /**
     * Real and padded tokens of {@code texts} texts scored in calls of {@code batch} from position
     * 0 (cycled), each call cut into runs of at most {@code runBatch} windows.
     */
    Padding paddingOfCalls(long texts, int batch, int runBatch) {
        long padded = 0;
        for (long from = 0; from < texts; from += batch) {
            padded += paddedTokensOfCall(from, (int) Math.min(batch, texts - from), runBatch);
        }
        return new Padding(tokensOfCycle(0, texts), padded);
    }

    /**
     * Real tokens and the positions the model computed for them, padding included.
     *
     * @param real tokens of the texts' windows
     * @param padded positions run through the model: every run padded to its longest window
     */
    record Padding(long real, long padded) {
        /** Padded ÷ real tokens (1.0 = no padding); NaN without tokens. */
        double waste() {
            return real <= 0 ? Double.NaN : (double) padded / real;
        }
    }
}
