package io.nlpstream.serving.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import io.nlpstream.serving.ClassifierOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds ORT session options: full graph optimisation, memory pattern, threads, CUDA or CPU. */
public final class SessionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

    private SessionFactory() {}

    /**
     * Creates a session for model bytes; falls back to CPU with one warning when CUDA is absent.
     */
    public static OrtSession create(OrtEnvironment env, byte[] model, ClassifierOptions options)
            throws OrtException {
        try (SessionOptions so = new SessionOptions()) {
            so.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            so.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setMemoryPatternOptimization(true);
            so.setIntraOpNumThreads(options.intraOpThreads());
            so.setInterOpNumThreads(1);
            // Spinning intra-op threads burn the cores that other slots and processes need; on a
            // shared 2-core host it halved throughput.
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (options.cuda()) {
                try {
                    so.addCUDA(options.cudaDevice());
                } catch (OrtException | UnsatisfiedLinkError e) {
                    LOG.warn(
                            "CUDA execution provider unavailable ({}); running on CPU. Build with -Pgpu"
                                    + " and install the CUDA 12 libraries to use the GPU.",
                            e.getMessage());
                }
            }
            return env.createSession(model, so);
        }
    }
}
