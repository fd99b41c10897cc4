package io.nlpstream.serving;

/**
 * How a classifier runs: ORT threads and provider, batch size, long-text windows.
 *
 * @param intraOpThreads ONNX Runtime intra-op threads
 * @param maxBatch most windows per model run
 * @param cuda ask for the CUDA execution provider (falls back to CPU with a warning)
 * @param cudaDevice GPU index for CUDA
 * @param overlap tokens shared by consecutive windows of a long text; -1 takes the bundle's
 * @param maxChunks most windows one text may need before it is refused as too long
 */
public record ClassifierOptions(
        int intraOpThreads,
        int maxBatch,
        boolean cuda,
        int cudaDevice,
        int overlap,
        int maxChunks) {
    public ClassifierOptions {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException(
                    "intraOpThreads must be >= 1, was " + intraOpThreads);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        if (maxChunks < 1) {
            throw new IllegalArgumentException("maxChunks must be >= 1, was " + maxChunks);
        }
    }

    /** 2 threads, batches of 32, CPU, the bundle's overlap, at most 64 windows per text. */
    public static ClassifierOptions defaults() {
        return new ClassifierOptions(2, 32, false, 0, -1, 64);
    }

    public ClassifierOptions withIntraOpThreads(int threads) {
        return new ClassifierOptions(threads, maxBatch, cuda, cudaDevice, overlap, maxChunks);
    }

    public ClassifierOptions withMaxBatch(int batch) {
        return new ClassifierOptions(intraOpThreads, batch, cuda, cudaDevice, overlap, maxChunks);
    }

    public ClassifierOptions withCuda(boolean useCuda) {
        return new ClassifierOptions(
                intraOpThreads, maxBatch, useCuda, cudaDevice, overlap, maxChunks);
    }

    public ClassifierOptions withOverlap(int tokens) {
        return new ClassifierOptions(intraOpThreads, maxBatch, cuda, cudaDevice, tokens, maxChunks);
    }

    public ClassifierOptions withMaxChunks(int chunks) {
        return new ClassifierOptions(intraOpThreads, maxBatch, cuda, cudaDevice, overlap, chunks);
    }
}
