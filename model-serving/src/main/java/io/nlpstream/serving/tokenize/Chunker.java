package io.nlpstream.serving.tokenize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a token sequence longer than the model window into overlapping windows; short ones stay
 * whole. Every token lands in at least one window: nothing is truncated.
 */
public final class Chunker {
    private final long[] prefix;
    private final long[] suffix;
    private final int content;
    private final int step;

    /**
     * @param prefix special ids before the content ({@code [CLS]})
     * @param suffix special ids after it ({@code [SEP]})
     * @param maxTokens window size including special tokens
     * @param overlap tokens shared by consecutive windows
     */
    public Chunker(long[] prefix, long[] suffix, int maxTokens, int overlap) {
        this.prefix = prefix.clone();
        this.suffix = suffix.clone();
        this.content = maxTokens - prefix.length - suffix.length;
        if (content < 2) {
            throw new IllegalArgumentException(
                    "maxTokens " + maxTokens + " leaves no room for text");
        }
        if (overlap < 0 || overlap >= content) {
            throw new IllegalArgumentException(
                    "overlap must be in [0, " + content + "), was " + overlap);
        }
        this.step = content - overlap;
    }

    /** How many windows {@code tokens} content tokens need. */
    public int windowCount(int tokens) {
        if (tokens <= content) {
            return 1;
        }
        return 1 + (tokens - content + step - 1) / step;
    }

    /** The windows of one text's content ids (without special tokens). */
    public List<TokenWindow> split(int textIndex, long[] contentIds) {
        int windows = windowCount(contentIds.length);
        List<TokenWindow> out = new ArrayList<>(windows);
        for (int w = 0; w < windows; w++) {
            int start = Math.min(w * step, Math.max(0, contentIds.length - content));
            int end = Math.min(contentIds.length, start + content);
            out.add(new TokenWindow(textIndex, wrap(Arrays.copyOfRange(contentIds, start, end))));
        }
        return out;
    }

    private long[] wrap(long[] body) {
        long[] ids = new long[prefix.length + body.length + suffix.length];
        System.arraycopy(prefix, 0, ids, 0, prefix.length);
        System.arraycopy(body, 0, ids, prefix.length, body.length);
        System.arraycopy(suffix, 0, ids, prefix.length + body.length, suffix.length);
        return ids;
    }
}
