package io.nlpstream.serving.inference;

import io.nlpstream.serving.RunShape;
import java.util.List;

/**
 * Embeds a text with several encoders and concatenates their L2-normalised window vectors, so one
 * head reads them all. Each encoder chunks with its own tokenizer; where they cut a long text into
 * different numbers of windows, composite window {@code k} of {@code n} takes each encoder's window
 * at the same relative position ({@code k * windows / n}), so every composite window covers about
 * the same span of text in every part, and the head's scores are aggregated over windows exactly as
 * for a single encoder.
 */
public final class ConcatEmbedder implements TextEmbedder {
    private final List<ChunkEmbedder> parts;
    private final int dimension;

    public ConcatEmbedder(List<ChunkEmbedder> parts) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a concatenation needs two encoders or more");
        }
        this.parts = List.copyOf(parts);
        this.dimension = parts.stream().mapToInt(ChunkEmbedder::dimension).sum();
    }

    @Override
    public float[][][] embed(List<String> texts) {
        float[][][][] byPart = new float[parts.size()][][][];
        for (int p = 0; p < byPart.length; p++) {
            byPart[p] = parts.get(p).embed(texts);
        }
        float[][][] out = new float[texts.size()][][];
        for (int t = 0; t < out.length; t++) {
            int windows = 0;
            for (float[][][] part : byPart) {
                windows = Math.max(windows, part[t].length);
            }
            out[t] = new float[windows][];
            for (int k = 0; k < windows; k++) {
                float[] joined = new float[dimension];
                int offset = 0;
                for (float[][][] part : byPart) {
                    float[][] own = part[t];
                    float[] vector = own[(int) ((long) k * own.length / windows)];
                    System.arraycopy(vector, 0, joined, offset, vector.length);
                    offset += vector.length;
                }
                out[t][k] = joined;
            }
        }
        return out;
    }

    /** Every part's windows, part after part: the model runs all of them. */
    @Override
    public int[] windowLengths(String text) {
        int[][] byPart = new int[parts.size()][];
        int total = 0;
        for (int p = 0; p < byPart.length; p++) {
            byPart[p] = parts.get(p).windowLengths(text);
            total += byPart[p].length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] lengths : byPart) {
            System.arraycopy(lengths, 0, out, at, lengths.length);
            at += lengths.length;
        }
        return out;
    }

    /**
     * The sum over the parts: every part runs every text, one after the other, and the parts
     * shipped cost about the same per token (12-layer, 384-wide BERTs), so a composite costs their
     * summed padded tokens. The windows of all parts are bucketed together here (the lengths do not
     * say which part a window is of), which may count one run fewer per batch than the parts make.
     */
    @Override
    public RunShape runShape(int[] windowLengths) {
        return LengthBuckets.shape(windowLengths, maxBatch());
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxBatch() {
        return parts.get(0).maxBatch();
    }

    /** The single-encoder embedders, in concatenation order. */
    public List<ChunkEmbedder> parts() {
        return parts;
    }
}
