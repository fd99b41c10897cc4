package io.nlpstream.serving.inference;

import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.RunShape;
import java.util.ArrayList;
import java.util.List;

/** Turns texts into one vector per model window, and costs a text before the model runs. */
public interface TextEmbedder {

    /**
     * The window vectors of every text, in input order ({@code result[text][window][dim]}).
     *
     * @throws InvalidTextException for the first text that cannot be scored
     */
    float[][][] embed(List<String> texts);

    /** The token lengths of the model windows one text needs, from the tokenizer alone. */
    int[] windowLengths(String text);

    /** How {@link #embed} would run windows of these lengths. */
    RunShape runShape(int[] windowLengths);

    /** Size of the window vectors. */
    int dimension();

    /** Most windows per model run. */
    int maxBatch();

    /**
     * The embedder over loaded encoder sessions: one chunking embedder, or for several sessions
     * their concatenation, each session with its own tokenizer and the same windows.
     */
    static TextEmbedder over(
            List<OnnxEncoder> encoders, int maxTokens, int overlap, int maxBatch, int maxChunks) {
        List<ChunkEmbedder> parts = new ArrayList<>(encoders.size());
        for (OnnxEncoder encoder : encoders) {
            parts.add(new ChunkEmbedder(encoder, maxTokens, overlap, maxBatch, maxChunks));
        }
        return parts.size() == 1 ? parts.get(0) : new ConcatEmbedder(parts);
    }
}
