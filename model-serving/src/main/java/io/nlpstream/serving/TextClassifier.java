package io.nlpstream.serving;

import java.util.List;

/**
 * A text classifier that scores a batch of texts at once; implementations are thread-safe and
 * shared by every operator instance of a process.
 */
public interface TextClassifier extends AutoCloseable {

    /** Id, version and label names of the model behind this classifier. */
    ModelDescriptor descriptor();

    /**
     * Scores every text of the batch and returns the results in input order.
     *
     * @throws InvalidTextException when one text cannot be scored at all (empty, invalid
     *     characters); the caller isolates it and sends it to the dead-letter output
     * @throws InferenceException when the model run itself fails
     */
    List<Classification> classify(List<String> texts);

    /**
     * The token length of every model window the text needs (special tokens included), from the
     * tokenizer alone: what a scheduler needs to cost a text before the model runs. Classifiers
     * without a tokenizer estimate one window of a token per four characters.
     *
     * @throws InvalidTextException when the text cannot be scored at all, as {@link #classify}
     *     would
     */
    default int[] windowLengths(String text) {
        return new int[] {2 + Math.max(1, text.length() / 4)};
    }

    /**
     * How {@link #classify} would run windows of these lengths: how many model runs and how many
     * padded tokens. The default runs every window alone, unpadded.
     */
    default RunShape runShape(int[] windowLengths) {
        long tokens = 0;
        for (int length : windowLengths) {
            tokens += length;
        }
        return new RunShape(windowLengths.length, tokens, tokens);
    }

    @Override
    void close();
}
