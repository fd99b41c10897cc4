package io.nlpstream.operators.batching;

import io.nlpstream.operators.testutils.KeywordClassifier;
import io.nlpstream.serving.Classification;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A keyword classifier whose model runs wait until the test releases them. */
class BlockingClassifier extends KeywordClassifier {
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public List<Classification> classify(List<String> texts) {
        running.countDown();
        try {
            if (!released.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return super.classify(texts);
    }

    void awaitRunning() throws InterruptedException {
        if (!running.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the model never ran");
        }
    }

    void release() {
        released.countDown();
    }
}
