package io.nlpstream.jobs.bench;

/** The GPU benchmark was asked for, but inference would not, or did not, run on CUDA. */
public final class CudaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CudaUnavailableException(String message) {
        super(message);
    }

    CudaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
