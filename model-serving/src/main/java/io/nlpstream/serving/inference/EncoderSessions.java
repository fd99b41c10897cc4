package io.nlpstream.serving.inference;

import io.nlpstream.serving.ClassifierOptions;
import java.util.ArrayList;
import java.util.List;

/** The loaded sessions of every encoder of a spec, owned together: closing closes them all. */
public final class EncoderSessions implements AutoCloseable {
    private final List<OnnxEncoder> encoders;

    private EncoderSessions(List<OnnxEncoder> encoders) {
        this.encoders = List.copyOf(encoders);
    }

    /** Loads one session per encoder of the spec; what was loaded is closed if one fails. */
    public static EncoderSessions load(EncoderSpec spec, ClassifierOptions options) {
        List<OnnxEncoder> loaded = new ArrayList<>();
        try {
            for (Encoder encoder : spec.parts()) {
                loaded.add(OnnxEncoder.load(encoder, options));
            }
            return new EncoderSessions(loaded);
        } catch (RuntimeException e) {
            loaded.forEach(OnnxEncoder::close);
            throw e;
        }
    }

    /** The sessions, in the spec's order. */
    public List<OnnxEncoder> encoders() {
        return encoders;
    }

    /** An embedder over these sessions with the given windows. */
    public TextEmbedder embedder(int maxTokens, int overlap, int maxBatch, int maxChunks) {
        return TextEmbedder.over(encoders, maxTokens, overlap, maxBatch, maxChunks);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (OnnxEncoder encoder : encoders) {
            try {
                encoder.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
