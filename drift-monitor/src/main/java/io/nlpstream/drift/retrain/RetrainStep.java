package io.nlpstream.drift.retrain;

/**
 * Where the retraining loop of one model stands: a training (or label-free adaptation) requested,
 * or a candidate waiting for its verdict (a Flink POJO in keyed state, so that it survives a
 * restore).
 */
public class RetrainStep {
    public static final String TRAINING = "TRAINING";
    public static final String CANDIDATE = "CANDIDATE";
    public static final String RETRAIN = "RETRAIN";
    public static final String ADAPT = "ADAPT";

    /** {@link #RETRAIN} (also when null, as in older snapshots) or {@link #ADAPT}. */
    public String kind;

    /** {@link #TRAINING} or {@link #CANDIDATE}. */
    public String phase;

    /** Version of the candidate being trained or judged. */
    public String version;

    /** Bundle directory of the candidate; null while training. */
    public String bundle;

    /** Processing time of the retrain request, epoch milliseconds. */
    public long requestedAt;

    /** Trainings started for this request (a restore interrupts one). */
    public int attempts;

    /** Processing time by which a verdict is due, epoch milliseconds. */
    public long deadline;

    public RetrainStep() {}

    /**
     * The number the {@code retrainStep} gauge reports for a step: 0 idle (null), 1 training, 2
     * candidate running in shadow until its verdict.
     */
    static int code(RetrainStep step) {
        if (step == null) {
            return 0;
        }
        return step.training() ? 1 : 2;
    }

    boolean adapting() {
        return ADAPT.equals(kind);
    }

    boolean training() {
        return TRAINING.equals(phase);
    }
}
