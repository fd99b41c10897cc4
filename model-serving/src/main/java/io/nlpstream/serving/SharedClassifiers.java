package io.nlpstream.serving;

import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.inference.EncoderHeadClassifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Process-wide, reference-counted classifiers: every operator instance of a JVM that asks for the
 * same model and options shares one ONNX Runtime session. Call {@link #acquire} in {@code open()}
 * and {@code close()} the returned lease in {@code close()}.
 */
public final class SharedClassifiers {
    private static final Map<Key, Entry> ENTRIES = new HashMap<>();

    private SharedClassifiers() {}

    private record Key(String model, ClassifierOptions options) {}

    private static final class Entry {
        final TextClassifier classifier;
        int references;

        Entry(TextClassifier classifier) {
            this.classifier = classifier;
        }
    }

    /** A lease on the shared classifier for a bundle name or directory; close it to release. */
    public static TextClassifier acquire(String modelNameOrPath, ClassifierOptions options) {
        Key key = new Key(modelNameOrPath, options);
        Entry entry;
        synchronized (ENTRIES) {
            entry = ENTRIES.get(key);
            if (entry == null) {
                entry =
                        new Entry(
                                EncoderHeadClassifier.open(Bundles.load(modelNameOrPath), options));
                ENTRIES.put(key, entry);
            }
            entry.references++;
        }
        return new Lease(key, entry.classifier);
    }

    /** Releases a lease obtained from {@link #acquire}; same as closing it. */
    public static void release(TextClassifier lease) {
        lease.close();
    }

    /** How many leases are open on a model with these options (for tests and metrics). */
    public static int references(String modelNameOrPath, ClassifierOptions options) {
        synchronized (ENTRIES) {
            Entry entry = ENTRIES.get(new Key(modelNameOrPath, options));
            return entry == null ? 0 : entry.references;
        }
    }

    private static void release(Key key) {
        TextClassifier toClose = null;
        synchronized (ENTRIES) {
            Entry entry = ENTRIES.get(key);
            if (entry != null && --entry.references == 0) {
                ENTRIES.remove(key);
                toClose = entry.classifier;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    /** One holder's view of a shared classifier; closing it twice releases once. */
    private static final class Lease implements TextClassifier {
        private final Key key;
        private final TextClassifier shared;
        private final AtomicBoolean closed = new AtomicBoolean();

        Lease(Key key, TextClassifier shared) {
            this.key = key;
            this.shared = shared;
        }

        @Override
        public ModelDescriptor descriptor() {
            return shared.descriptor();
        }

        @Override
        public List<Classification> classify(List<String> texts) {
            if (closed.get()) {
                throw new IllegalStateException("classifier lease already released");
            }
            return shared.classify(texts);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(key);
            }
        }
    }
}
