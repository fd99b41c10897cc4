package io.nlpstream.serving.inference;

import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.InvalidTextException.Reason;
import io.nlpstream.serving.RunShape;
import io.nlpstream.serving.tokenize.Chunker;
import io.nlpstream.serving.tokenize.TextValidator;
import io.nlpstream.serving.tokenize.TokenWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch of texts into one vector per model window: validate, {@code batchEncode}, split
 * long texts into overlapping windows, bucket windows by length, run, and regroup by text.
 */
public final class ChunkEmbedder implements TextEmbedder {
    private final OnnxEncoder encoder;
    private final Chunker chunker;
    private final int maxBatch;
    private final int maxChunks;

    public ChunkEmbedder(
            OnnxEncoder encoder, int maxTokens, int overlap, int maxBatch, int maxChunks) {
        this.encoder = encoder;
        this.chunker = encoder.tokenizer().chunker(maxTokens, overlap);
        this.maxBatch = maxBatch;
        this.maxChunks = maxChunks;
    }

    /**
     * The window vectors of every text, in input order ({@code result[text][window][dim]}).
     *
     * @throws InvalidTextException for the first text that cannot be scored
     */
    @Override
    public float[][][] embed(List<String> texts) {
        List<TokenWindow> windows = windows(texts);
        float[][] vectors = embedWindows(windows);
        float[][][] byText = new float[texts.size()][][];
        int[] counts = new int[texts.size()];
        windows.forEach(w -> counts[w.textIndex()]++);
        for (int i = 0; i < counts.length; i++) {
            byText[i] = new float[counts[i]][];
        }
        int[] filled = new int[texts.size()];
        for (int w = 0; w < windows.size(); w++) {
            int text = windows.get(w).textIndex();
            byText[text][filled[text]++] = vectors[w];
        }
        return byText;
    }

    /** Validated, tokenized and chunked windows of every text, text by text. */
    public List<TokenWindow> windows(List<String> texts) {
        texts.forEach(TextValidator::check);
        long[][] ids = encoder.tokenizer().contentIds(texts);
        List<TokenWindow> windows = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            requireScorable(ids[i]);
            windows.addAll(chunker.split(i, ids[i]));
        }
        return windows;
    }

    /** The lengths of the windows one text needs, from the tokenizer alone. */
    @Override
    public int[] windowLengths(String text) {
        TextValidator.check(text);
        long[] ids = encoder.tokenizer().contentIds(List.of(text))[0];
        requireScorable(ids);
        return chunker.split(0, ids).stream().mapToInt(TokenWindow::length).toArray();
    }

    /** The runs {@link #embedWindows} makes of windows of these lengths. */
    @Override
    public RunShape runShape(int[] windowLengths) {
        return LengthBuckets.shape(windowLengths, maxBatch);
    }

    private void requireScorable(long[] contentIds) {
        if (contentIds.length == 0) {
            throw new InvalidTextException(Reason.EMPTY, "text has no tokens the model knows");
        }
        int count = chunker.windowCount(contentIds.length);
        if (count > maxChunks) {
            throw new InvalidTextException(
                    Reason.TOO_LONG,
                    "text needs "
                            + count
                            + " windows of the model, more than the limit of "
                            + maxChunks);
        }
    }

    /** Runs windows in length buckets and returns their vectors in the order given. */
    public float[][] embedWindows(List<TokenWindow> windows) {
        int[] lengths = windows.stream().mapToInt(TokenWindow::length).toArray();
        float[][] vectors = new float[windows.size()][];
        for (int[] batch : LengthBuckets.plan(lengths, maxBatch)) {
            List<TokenWindow> part = new ArrayList<>(batch.length);
            for (int index : batch) {
                part.add(windows.get(index));
            }
            float[][] out = encoder.embed(part);
            for (int k = 0; k < batch.length; k++) {
                vectors[batch[k]] = out[k];
            }
        }
        return vectors;
    }

    /** Most windows per model run. */
    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    public OnnxEncoder encoder() {
        return encoder;
    }
}
