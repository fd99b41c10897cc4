package io.nlpstream.serving;

import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.inference.EncoderHeadClassifier;
import io.nlpstream.serving.inference.OnnxEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Process-wide, reference-counted encoder sessions: every classifier of a JVM whose bundle uses an
 * encoder with the same session options runs on one ONNX Runtime session for it, whether the
 * encoder serves alone or as a part of a composite ({@code bge-small-en-v1.5-q+e5-small-v2-q}), so
 * a candidate that only retrained the head loads in milliseconds. Call {@link #acquire} in {@code
 * open()} (or on a loader thread) and close the returned lease when done.
 *
 * <p>A session is loaded and warmed up under its own lock, never under the registry's: loading one
 * encoder never blocks a lease on another, nor a release.
 */
public final class SharedClassifiers {
    private static final Map<SessionKey, SharedSession> SESSIONS = new HashMap<>();

    private SharedClassifiers() {}

    /** What makes two sessions interchangeable: the encoder and how ONNX Runtime runs it. */
    private record SessionKey(Encoder encoder, int intraOpThreads, boolean cuda, int cudaDevice) {
        static SessionKey of(Encoder encoder, ClassifierOptions options) {
            return new SessionKey(
                    encoder, options.intraOpThreads(), options.cuda(), options.cudaDevice());
        }
    }

    /** One encoder session, loaded by its first holder; {@code references} counts leases. */
    private static final class SharedSession {
        private final SessionKey key;
        private int references; // guarded by SESSIONS
        private OnnxEncoder encoder; // guarded by this

        SharedSession(SessionKey key) {
            this.key = key;
        }

        /** The session, loaded by the first caller. */
        synchronized Loaded encoder(ClassifierOptions options) {
            boolean fresh = encoder == null;
            if (fresh) {
                encoder = OnnxEncoder.load(key.encoder(), options);
            }
            return new Loaded(encoder, fresh);
        }

        synchronized void close() {
            if (encoder != null) {
                encoder.close();
                encoder = null;
            }
        }
    }

    /** A session and whether this call loaded it (and so has to warm it up). */
    private record Loaded(OnnxEncoder encoder, boolean fresh) {}

    /** A lease on a classifier for a bundle name or directory; close it to release. */
    public static TextClassifier acquire(String modelNameOrPath, ClassifierOptions options) {
        ModelBundle bundle = Bundles.load(modelNameOrPath);
        List<SharedSession> sessions = new ArrayList<>();
        try {
            List<OnnxEncoder> encoders = new ArrayList<>();
            boolean fresh = false;
            for (Encoder part : bundle.encoderSpec().parts()) {
                SharedSession session = reference(SessionKey.of(part, options));
                sessions.add(session);
                Loaded loaded = session.encoder(options);
                encoders.add(loaded.encoder());
                fresh |= loaded.fresh();
            }
            EncoderHeadClassifier classifier =
                    EncoderHeadClassifier.sharing(bundle, encoders, options);
            if (fresh) {
                classifier.warmUp();
            }
            return new Lease(sessions, classifier);
        } catch (RuntimeException e) {
            sessions.forEach(SharedClassifiers::release);
            throw e;
        }
    }

    /** Releases a lease obtained from {@link #acquire}; same as closing it. */
    public static void release(TextClassifier lease) {
        lease.close();
    }

    /**
     * How many leases are open on the sessions a model with these options runs on: for a composite,
     * the fewest over its encoders.
     */
    public static int references(String modelNameOrPath, ClassifierOptions options) {
        return Bundles.load(modelNameOrPath).encoderSpec().parts().stream()
                .mapToInt(encoder -> references(encoder, options))
                .min()
                .orElseThrow();
    }

    /** How many leases are open on the session of one encoder with these options. */
    public static int references(Encoder encoder, ClassifierOptions options) {
        synchronized (SESSIONS) {
            SharedSession session = SESSIONS.get(SessionKey.of(encoder, options));
            return session == null ? 0 : session.references;
        }
    }

    /** How many encoder sessions are open in this process. */
    public static int openSessions() {
        synchronized (SESSIONS) {
            return SESSIONS.size();
        }
    }

    private static SharedSession reference(SessionKey key) {
        synchronized (SESSIONS) {
            SharedSession session = SESSIONS.computeIfAbsent(key, SharedSession::new);
            session.references++;
            return session;
        }
    }

    private static void release(SharedSession session) {
        boolean last;
        synchronized (SESSIONS) {
            last = --session.references == 0;
            if (last) {
                SESSIONS.remove(session.key);
            }
        }
        if (last) {
            session.close();
        }
    }

    /** One holder's view of shared sessions; closing it twice releases once. */
    private static final class Lease implements TextClassifier {
        private final List<SharedSession> sessions;
        private final TextClassifier classifier;
        private final AtomicBoolean closed = new AtomicBoolean();

        Lease(List<SharedSession> sessions, TextClassifier classifier) {
            this.sessions = List.copyOf(sessions);
            this.classifier = classifier;
        }

        @Override
        public ModelDescriptor descriptor() {
            return classifier.descriptor();
        }

        @Override
        public List<Classification> classify(List<String> texts) {
            if (closed.get()) {
                throw new IllegalStateException("classifier lease already released");
            }
            return classifier.classify(texts);
        }

        @Override
        public int[] windowLengths(String text) {
            return classifier.windowLengths(text);
        }

        @Override
        public RunShape runShape(int[] windowLengths) {
            return classifier.runShape(windowLengths);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                sessions.forEach(SharedClassifiers::release);
            }
        }
    }
}
