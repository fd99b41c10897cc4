package io.nlpstream.operators.batching;

/** The ModelUpdate commands the inference operator acts on, and the acknowledgements it sends. */
public final class ModelCommands {
    /** Load the bundle at bundle_uri next to the live model and score every batch with both. */
    public static final String SHADOW_START = "SHADOW_START";

    /** Stop scoring with the shadow candidate. */
    public static final String SHADOW_STOP = "SHADOW_STOP";

    /** Serve the bundle at bundle_uri from the next batch on. */
    public static final String PROMOTE = "PROMOTE";

    /** Serve the previous live model again. */
    public static final String ROLLBACK = "ROLLBACK";

    /** A candidate was judged worse, or its bundle could not be loaded; it is dropped. */
    public static final String REJECT = "REJECT";

    /** Acknowledgements. */
    public static final String SHADOW_STARTED = "SHADOW_STARTED";

    public static final String PROMOTED = "PROMOTED";
    public static final String ROLLED_BACK = "ROLLED_BACK";
    public static final String LOAD_FAILED = "LOAD_FAILED";

    private ModelCommands() {}
}
