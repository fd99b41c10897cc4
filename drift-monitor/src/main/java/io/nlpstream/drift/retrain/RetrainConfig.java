package io.nlpstream.drift.retrain;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * How a retraining runs.
 *
 * @param baseModel the model the job starts with (bundle name or directory); retrained bundles keep
 *     its encoder and id
 * @param bundleDir directory new bundles are written into
 * @param recentWindow how many of the latest labelled records are kept to train on
 * @param minLabelled fewest labelled records a retraining needs
 * @param referenceSpec training-data spec of the reference data replayed against forgetting ({@code
 *     uci:amazon,yelp}, {@code spamassassin:easy-ham-1,spam-1}, a file), or empty for none
 * @param referenceSample how many reference records are mixed in
 * @param labelMap renames labels of the reference data (e.g. hard-ham to ham), may be empty
 * @param maxChars keep the first characters of each reference text (0 = all)
 * @param threads ONNX Runtime threads the training may use
 * @param candidateTimeoutMillis a training or candidate without a verdict this long after the
 *     request is rejected
 */
public record RetrainConfig(
        String baseModel,
        String bundleDir,
        int recentWindow,
        int minLabelled,
        String referenceSpec,
        int referenceSample,
        Map<String, String> labelMap,
        int maxChars,
        int threads,
        long candidateTimeoutMillis)
        implements Serializable {

    /** Default time from a retrain request to a verdict on its candidate. */
    public static final Duration DEFAULT_CANDIDATE_TIMEOUT = Duration.ofHours(1);

    /** A configuration with the default candidate timeout. */
    public RetrainConfig(
            String baseModel,
            String bundleDir,
            int recentWindow,
            int minLabelled,
            String referenceSpec,
            int referenceSample,
            Map<String, String> labelMap,
            int maxChars,
            int threads) {
        this(
                baseModel,
                bundleDir,
                recentWindow,
                minLabelled,
                referenceSpec,
                referenceSample,
                labelMap,
                maxChars,
                threads,
                DEFAULT_CANDIDATE_TIMEOUT.toMillis());
    }

    public RetrainConfig {
        if (recentWindow < 1) {
            throw new IllegalArgumentException(
                    "recentWindow must be positive, was " + recentWindow);
        }
        if (minLabelled < 1 || minLabelled > recentWindow) {
            throw new IllegalArgumentException(
                    "minLabelled must be in [1, recentWindow], was " + minLabelled);
        }
        if (referenceSample < 0) {
            throw new IllegalArgumentException(
                    "referenceSample must not be negative, was " + referenceSample);
        }
        if (candidateTimeoutMillis < 1) {
            throw new IllegalArgumentException(
                    "candidateTimeoutMillis must be positive, was " + candidateTimeoutMillis);
        }
        labelMap = Map.copyOf(labelMap);
    }
}
