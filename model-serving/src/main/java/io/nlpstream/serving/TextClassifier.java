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

    @Override
    void close();
}
