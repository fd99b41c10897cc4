package io.nlpstream.operators.batching;

import io.nlpstream.serving.Classification;
import io.nlpstream.serving.ModelDescriptor;
import java.util.List;

/**
 * What the model thread made of one batch, handed to the task thread to emit.
 *
 * @param batch the texts, in the order they were taken
 * @param results one per text, same order
 * @param model the model that scored them
 * @param runMillis the run time of the whole batch in one piece; -1 when it had to be split to
 *     isolate a refused text, which says nothing about the model's cost
 * @param shadow the candidate's results for the texts the live model scored; null when there was no
 *     candidate or nothing for it to score
 */
record BatchOutcome(
        List<PendingText> batch,
        List<TextResult> results,
        ModelDescriptor model,
        double runMillis,
        ShadowResults shadow) {

    /** A text's result: a classification or the reason the model refused it. */
    record TextResult(
            Classification classification, RuntimeException refusal, long start, long end) {
        boolean scored() {
            return classification != null;
        }
    }

    /**
     * A shadow candidate's scores of the texts the live model scored, in batch order; {@code
     * results} is null when the candidate failed on the batch.
     */
    record ShadowResults(
            ModelDescriptor model, List<Classification> results, long start, long end) {}
}
