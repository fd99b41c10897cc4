package io.nlpstream.serving.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.InferenceException;
import io.nlpstream.serving.tokenize.EncoderTokenizer;
import io.nlpstream.serving.tokenize.TokenWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transformer encoder in one ONNX Runtime session (thread-safe, shared) that turns padded token
 * windows into pooled, L2-normalised vectors.
 */
public final class OnnxEncoder implements AutoCloseable {
    private static final String HIDDEN = "last_hidden_state";

    private final Encoder encoder;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final EncoderTokenizer tokenizer;
    private final boolean wantsTypeIds;
    private final int dimension;

    private OnnxEncoder(
            Encoder encoder, OrtEnvironment env, OrtSession session, EncoderTokenizer tokenizer)
            throws OrtException {
        this.encoder = encoder;
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
        NodeInfo out =
                session.getOutputInfo()
                        .getOrDefault(HIDDEN, session.getOutputInfo().values().iterator().next());
        long[] shape = ((TensorInfo) out.getInfo()).getShape();
        this.dimension = (int) shape[shape.length - 1];
    }

    /** Loads the encoder's ONNX file and tokenizer from the class path. */
    public static OnnxEncoder load(Encoder encoder, ClassifierOptions options) {
        byte[] model = readResource(encoder.modelResource());
        EncoderTokenizer tokenizer =
                EncoderTokenizer.fromResource(encoder.tokenizerResource(), encoder.textPrefix());
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            return new OnnxEncoder(
                    encoder, env, SessionFactory.create(env, model, options), tokenizer);
        } catch (OrtException e) {
            tokenizer.close();
            throw new InferenceException(
                    "Cannot create an ONNX Runtime session for " + encoder.id(), e);
        }
    }

    public Encoder encoder() {
        return encoder;
    }

    public EncoderTokenizer tokenizer() {
        return tokenizer;
    }

    /** Size of the pooled vectors. */
    public int dimension() {
        return dimension;
    }

    /**
     * Runs one batch padded to its longest window and returns one pooled vector per window, in the
     * order given.
     */
    public float[][] embed(List<TokenWindow> windows) {
        int batch = windows.size();
        int seq = windows.stream().mapToInt(TokenWindow::length).max().orElse(0);
        long[] ids = new long[batch * seq];
        long[] mask = new long[batch * seq];
        for (int b = 0; b < batch; b++) {
            long[] w = windows.get(b).ids();
            System.arraycopy(w, 0, ids, b * seq, w.length);
            for (int t = 0; t < w.length; t++) {
                mask[b * seq + t] = 1;
            }
        }
        long[] shape = {batch, seq};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put(
                    "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (wantsTypeIds) {
                inputs.put(
                        "token_type_ids",
                        OnnxTensor.createTensor(
                                env, LongBuffer.wrap(new long[batch * seq]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue value = result.get(HIDDEN).orElse(result.get(0));
                FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
                float[] hidden = new float[buffer.remaining()];
                buffer.get(hidden);
                float[][] pooled = new float[batch][dimension];
                for (int b = 0; b < batch; b++) {
                    encoder.pooling().pool(hidden, b, seq, dimension, mask, pooled[b]);
                }
                return pooled;
            }
        } catch (OrtException e) {
            throw new InferenceException(
                    "ONNX Runtime failed on a batch of " + batch + " x " + seq + " tokens", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new InferenceException("Cannot close the session of " + encoder.id(), e);
        } finally {
            tokenizer.close();
        }
    }

    private static byte[] readResource(String resource) {
        try (InputStream in = OnnxEncoder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Model resource not on the class path: "
                                + resource
                                + " (is the encoder jar a dependency?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model resource " + resource, e);
        }
    }
}
