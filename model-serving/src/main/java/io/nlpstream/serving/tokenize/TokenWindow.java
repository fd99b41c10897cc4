package io.nlpstream.serving.tokenize;

/**
 * The token ids of one model window (special tokens included) and the text it belongs to.
 *
 * @param textIndex index of the source text in the batch
 * @param ids token ids, {@code [CLS] ... [SEP]}
 */
public record TokenWindow(int textIndex, long[] ids) {
    public int length() {
        return ids.length;
    }
}
