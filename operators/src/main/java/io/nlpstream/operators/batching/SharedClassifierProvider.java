package io.nlpstream.operators.batching;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.SharedClassifiers;
import io.nlpstream.serving.TextClassifier;
import io.nlpstream.serving.bundle.BundleException;
import io.nlpstream.serving.bundle.Bundles;

/** Gives every operator of a TaskManager process a lease on one shared model session. */
public class SharedClassifierProvider implements ClassifierProvider {
    private static final long serialVersionUID = 1L;

    private final String model;
    private final int intraOpThreads;
    private final int maxBatch;
    private final boolean cuda;

    /**
     * @param model a shipped bundle name (such as {@code sentiment}) or a bundle directory
     * @param intraOpThreads ONNX Runtime threads of the shared session
     * @param maxBatch most texts per model run
     * @param cuda ask for the CUDA provider
     */
    public SharedClassifierProvider(String model, int intraOpThreads, int maxBatch, boolean cuda) {
        this.model = model;
        this.intraOpThreads = intraOpThreads;
        this.maxBatch = maxBatch;
        this.cuda = cuda;
    }

    @Override
    public String defaultModel() {
        return model;
    }

    @Override
    public TextClassifier acquire(String modelRef) {
        ClassifierOptions options =
                ClassifierOptions.defaults()
                        .withIntraOpThreads(intraOpThreads)
                        .withMaxBatch(maxBatch)
                        .withCuda(cuda);
        return SharedClassifiers.acquire(modelRef, options);
    }

    @Override
    public void check(String modelRef) {
        try {
            Bundles.load(modelRef);
        } catch (BundleException e) {
            throw new IllegalArgumentException(
                    "Cannot serve model '" + modelRef + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void release(TextClassifier classifier) {
        SharedClassifiers.release(classifier);
    }
}
