package io.nlpstream.it;

import io.nlpstream.operators.batching.ClassifierProvider;
import io.nlpstream.serving.Classification;
import io.nlpstream.serving.TextClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the model's cost, for the overload test only: the real model scores each distinct
 * text once, and every call then costs a fixed time per text, so that the saturation rate is known
 * ({@code 1000 / millisPerText} texts per second per subtask) and does not depend on the machine.
 */
final class FixedCostClassifierProvider extends WrappingClassifierProvider {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Classification> SCORES = new ConcurrentHashMap<>();

    private final long millisPerText;

    FixedCostClassifierProvider(ClassifierProvider real, long millisPerText) {
        super(real);
        this.millisPerText = millisPerText;
    }

    @Override
    protected TextClassifier wrap(TextClassifier model) {
        return new WrappedClassifier(model) {
            @Override
            public List<Classification> classify(List<String> texts) {
                List<String> unseen = texts.stream().filter(t -> !SCORES.containsKey(t)).toList();
                if (!unseen.isEmpty()) {
                    List<Classification> scored = model.classify(unseen);
                    for (int i = 0; i < unseen.size(); i++) {
                        SCORES.put(unseen.get(i), scored.get(i));
                    }
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(millisPerText * texts.size());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                List<Classification> out = new ArrayList<>(texts.size());
                texts.forEach(t -> out.add(SCORES.get(t)));
                return out;
            }
        };
    }
}
