package io.nlpstream.serving;

/**
 * What a batch costs the model: how many model runs it takes and how many tokens those runs carry
 * once every window is padded to the longest of its run.
 *
 * @param runs model runs (session calls)
 * @param realTokens tokens of the windows themselves, special tokens included
 * @param paddedTokens tokens the runs compute, padding included
 */
public record RunShape(int runs, long realTokens, long paddedTokens) {
    public static final RunShape EMPTY = new RunShape(0, 0, 0);

    public RunShape {
        if (runs < 0 || realTokens < 0 || paddedTokens < realTokens) {
            throw new IllegalArgumentException(
                    "invalid run shape: "
                            + runs
                            + " runs, "
                            + realTokens
                            + " real and "
                            + paddedTokens
                            + " padded tokens");
        }
    }

    /** Padded tokens per real token: 1.0 when no run pads at all. */
    public double paddingWaste() {
        return realTokens == 0 ? 1.0 : (double) paddedTokens / realTokens;
    }
}
