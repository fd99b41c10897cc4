package io.nlpstream.operators.batching;

import io.nlpstream.operators.batching.BatchOutcome.ShadowResults;
import io.nlpstream.operators.batching.BatchOutcome.TextResult;
import io.nlpstream.serving.Classification;
import io.nlpstream.serving.InferenceException;
import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.TextClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one batch on the model thread: the live model first, the shadow candidate on what the live
 * model scored. A batch the model refuses is split in halves until the refused text is isolated;
 * that text alone is refused, and only while the model still scores other texts ({@link
 * ModelHealthProbe}). A model that fails every text throws {@link ModelFailureException}.
 */
final class ModelRun {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRun.class);

    private final TextClassifier live;
    private final TextClassifier shadow;
    private final ModelHealthProbe health;

    ModelRun(TextClassifier live, TextClassifier shadow, ModelHealthProbe health) {
        this.live = live;
        this.shadow = shadow;
        this.health = health;
    }

    BatchOutcome score(List<PendingText> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (PendingText p : batch) {
            texts.add(p.event().getText());
        }
        TextResult[] results = new TextResult[batch.size()];
        long started = System.nanoTime();
        boolean whole = scoreIsolatingFailures(texts, 0, results);
        double runMillis = whole ? (System.nanoTime() - started) / 1e6 : -1;
        return new BatchOutcome(
                batch,
                Arrays.asList(results),
                live.descriptor(),
                runMillis,
                scoreInShadow(texts, results));
    }

    /** Fills {@code results[offset..]}; true when the texts ran as one batch. */
    private boolean scoreIsolatingFailures(List<String> texts, int offset, TextResult[] results) {
        long start = System.currentTimeMillis();
        List<Classification> scored;
        try {
            scored = live.classify(texts);
        } catch (InvalidTextException | InferenceException e) {
            if (texts.size() == 1) {
                if (e instanceof InferenceException) {
                    // The model refused this one text, or the model itself is broken: only a
                    // model that still answers makes the text poison.
                    health.requireHealthy(live, e);
                }
                long now = System.currentTimeMillis();
                results[offset] = new TextResult(null, e, start, now);
                return false;
            }
            int half = texts.size() / 2;
            scoreIsolatingFailures(texts.subList(0, half), offset, results);
            scoreIsolatingFailures(texts.subList(half, texts.size()), offset + half, results);
            return false;
        }
        long end = System.currentTimeMillis();
        for (int i = 0; i < scored.size(); i++) {
            results[offset + i] = new TextResult(scored.get(i), null, start, end);
        }
        return true;
    }

    /** The candidate scores the texts the live model scored; its failures touch no decision. */
    private ShadowResults scoreInShadow(List<String> texts, TextResult[] results) {
        if (shadow == null) {
            return null;
        }
        List<String> scored = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            if (results[i].scored()) {
                scored.add(texts.get(i));
            }
        }
        if (scored.isEmpty()) {
            return null;
        }
        try {
            long start = System.currentTimeMillis();
            List<Classification> out = shadow.classify(scored);
            return new ShadowResults(shadow.descriptor(), out, start, System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.debug("shadow model failed on a batch", e);
            return new ShadowResults(shadow.descriptor(), null, 0, 0);
        }
    }
}
