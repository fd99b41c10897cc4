package io.nlpstream.serving.inference;

/** How token vectors become one text vector; both respect the attention mask. */
public enum Pooling {
    /** Mean over the unmasked tokens (sentence-transformers MiniLM). */
    MEAN,
    /** The first token's vector (BGE was trained this way). */
    CLS;

    /**
     * Pools row {@code row} of a {@code [batch, seq, dim]} tensor into {@code out}, L2-normalised.
     */
    void pool(float[] hidden, int row, int seq, int dim, long[] mask, float[] out) {
        int base = row * seq * dim;
        if (this == CLS) {
            System.arraycopy(hidden, base, out, 0, dim);
        } else {
            double[] sum = new double[dim];
            int count = 0;
            for (int t = 0; t < seq; t++) {
                if (mask[row * seq + t] == 0) {
                    continue;
                }
                count++;
                int offset = base + t * dim;
                for (int d = 0; d < dim; d++) {
                    sum[d] += hidden[offset + d];
                }
            }
            for (int d = 0; d < dim; d++) {
                out[d] = (float) (sum[d] / Math.max(1, count));
            }
        }
        double norm = 0;
        for (float v : out) {
            norm += (double) v * v;
        }
        float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < dim; d++) {
            out[d] *= inv;
        }
    }
}
