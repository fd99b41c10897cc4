package io.nlpstream.operators.batching;

import io.nlpstream.serving.TextClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The models one inference operator holds: the live one, the one it replaced (for rollback) and an
 * optional shadow candidate, each by reference (bundle name or directory) and as a loaded
 * classifier. Only the references are checkpointed; classifiers are reloaded after a restore.
 */
final class ServingModels {
    private static final String LIVE = "live=";
    private static final String PREVIOUS = "previous=";
    private static final String SHADOW = "shadow=";

    private final ClassifierProvider provider;
    String liveRef;
    String previousRef;
    String shadowRef;
    TextClassifier live;
    TextClassifier shadow;

    ServingModels(ClassifierProvider provider) {
        this.provider = provider;
        this.liveRef = provider.defaultModel();
    }

    /** Restores references from checkpointed entries such as {@code live=/bundles/v2}. */
    void restore(Iterable<String> entries) {
        for (String entry : entries) {
            if (entry.startsWith(LIVE)) {
                liveRef = entry.substring(LIVE.length());
            } else if (entry.startsWith(PREVIOUS)) {
                previousRef = entry.substring(PREVIOUS.length());
            } else if (entry.startsWith(SHADOW)) {
                shadowRef = entry.substring(SHADOW.length());
            }
        }
    }

    List<String> snapshot() {
        List<String> entries = new ArrayList<>();
        entries.add(LIVE + liveRef);
        if (previousRef != null) {
            entries.add(PREVIOUS + previousRef);
        }
        if (shadowRef != null) {
            entries.add(SHADOW + shadowRef);
        }
        return entries;
    }

    /** Loads the classifiers for the held references; a shadow that fails to load is dropped. */
    void open() {
        live = provider.acquire(liveRef);
        if (shadowRef != null) {
            try {
                shadow = provider.acquire(shadowRef);
            } catch (RuntimeException e) {
                shadowRef = null;
            }
        }
    }

    /** Replaces the live model; the old one is kept as the rollback target. */
    void promote(String ref) {
        TextClassifier next = provider.acquire(ref);
        TextClassifier old = live;
        previousRef = liveRef;
        liveRef = ref;
        live = next;
        if (ref.equals(shadowRef)) {
            stopShadow();
        }
        provider.release(old);
    }

    void rollback() {
        if (previousRef == null) {
            throw new IllegalStateException("no previous model to roll back to");
        }
        promote(previousRef);
    }

    void startShadow(String ref) {
        TextClassifier candidate = provider.acquire(ref);
        stopShadow();
        shadowRef = ref;
        shadow = candidate;
    }

    void stopShadow() {
        if (shadow != null) {
            provider.release(shadow);
        }
        shadow = null;
        shadowRef = null;
    }

    void close() {
        stopShadow();
        if (live != null) {
            provider.release(live);
            live = null;
        }
    }
}
