package io.nlpstream.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoolingTest {
    // batch 2, seq 3, dim 2; row 1 has one padding position holding garbage
    private static final float[] HIDDEN = {1, 0, 3, 0, 9, 9, 0, 2, 0, 4, 100, -100};
    private static final long[] MASK = {1, 1, 1, 1, 1, 0};

    @Test
    void meanIgnoresPaddedPositions() {
        float[] out = new float[2];
        Pooling.MEAN.pool(HIDDEN, 1, 3, 2, MASK, out);
        // mean of (0,2) and (0,4) = (0,3), normalised
        assertThat(out[0]).isEqualTo(0f);
        assertThat(out[1]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void meanOfFullRowIsNormalised() {
        float[] out = new float[2];
        Pooling.MEAN.pool(HIDDEN, 0, 3, 2, MASK, out);
        // mean (13/3, 3) -> unit length
        double norm = Math.hypot(13.0 / 3, 3);
        assertThat((double) out[0]).isCloseTo(13.0 / 3 / norm, within(1e-6));
        assertThat((double) out[1]).isCloseTo(3 / norm, within(1e-6));
    }

    @Test
    void clsTakesTheFirstToken() {
        float[] out = new float[2];
        Pooling.CLS.pool(HIDDEN, 1, 3, 2, MASK, out);
        assertThat(out).containsExactly(0f, 1f);
    }
}
