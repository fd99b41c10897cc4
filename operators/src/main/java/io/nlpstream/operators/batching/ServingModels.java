package io.nlpstream.operators.batching;

import io.nlpstream.serving.TextClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The models one inference operator holds: the live one, the one it replaced (for rollback) and an
 * optional shadow candidate, each by reference (bundle name or directory) and as a loaded
 * classifier. Only the references are checkpointed; classifiers are reloaded after a restore.
 *
 * <p>Swaps take classifiers that were loaded elsewhere (on the loader thread) and return the ones
 * they replace, for the caller to release once no model run uses them.
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

    /** The reference a rollback returns to. */
    String rollbackTarget() {
        if (previousRef == null) {
            throw new IllegalStateException("no previous model to roll back to");
        }
        return previousRef;
    }

    /**
     * Serves {@code loaded} (the model {@code ref}) from now on; the old live model becomes the
     * rollback target. Returns the classifiers replaced.
     */
    List<TextClassifier> promote(String ref, TextClassifier loaded) {
        List<TextClassifier> replaced = new ArrayList<>();
        replaced.add(live);
        previousRef = liveRef;
        liveRef = ref;
        live = loaded;
        if (ref.equals(shadowRef)) {
            replaced.addAll(stopShadow());
        }
        return replaced;
    }

    /** Runs {@code loaded} (the model {@code ref}) in shadow; returns the candidate it replaced. */
    List<TextClassifier> startShadow(String ref, TextClassifier loaded) {
        List<TextClassifier> replaced = stopShadow();
        shadowRef = ref;
        shadow = loaded;
        return replaced;
    }

    /** Drops the shadow candidate; returns it. */
    List<TextClassifier> stopShadow() {
        List<TextClassifier> replaced = shadow == null ? List.of() : List.of(shadow);
        shadow = null;
        shadowRef = null;
        return replaced;
    }

    void close() {
        for (TextClassifier c : stopShadow()) {
            provider.release(c);
        }
        if (live != null) {
            provider.release(live);
            live = null;
        }
    }
}
