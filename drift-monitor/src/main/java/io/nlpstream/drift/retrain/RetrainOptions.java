package io.nlpstream.drift.retrain;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/** Settings of automatic retraining and of the shadow evaluation that promotes a candidate. */
public final class RetrainOptions {
    private RetrainOptions() {}

    public static final ConfigOption<String> BUNDLE_DIR =
            ConfigOptions.key("drift.retrain.bundle-dir")
                    .stringType()
                    .defaultValue("out/bundles")
                    .withDescription(
                            "Directory retrained bundles are written into (shared by all TaskManagers).");

    public static final ConfigOption<Integer> RECENT_WINDOW =
            ConfigOptions.key("drift.retrain.recent-window")
                    .intType()
                    .defaultValue(400)
                    .withDescription(
                            "How many of the latest labelled records a retraining learns from.");

    public static final ConfigOption<Integer> MIN_LABELLED =
            ConfigOptions.key("drift.retrain.min-labelled")
                    .intType()
                    .defaultValue(150)
                    .withDescription(
                            "Fewest labelled records a retraining needs; requests before that are ignored.");

    public static final ConfigOption<String> REFERENCE =
            ConfigOptions.key("drift.retrain.reference")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Training-data spec replayed against forgetting, e.g. uci:amazon,yelp; empty for none.");

    public static final ConfigOption<Integer> REFERENCE_SAMPLE =
            ConfigOptions.key("drift.retrain.reference-sample")
                    .intType()
                    .defaultValue(300)
                    .withDescription("How many reference records are mixed into a retraining.");

    public static final ConfigOption<Map<String, String>> REFERENCE_LABEL_MAP =
            ConfigOptions.key("drift.retrain.reference-label-map")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription("Renames reference labels to the model's, e.g. hard-ham:ham.");

    public static final ConfigOption<Integer> REFERENCE_MAX_CHARS =
            ConfigOptions.key("drift.retrain.reference-max-chars")
                    .intType()
                    .defaultValue(0)
                    .withDescription("Keep the first characters of each reference text (0 = all).");

    public static final ConfigOption<Integer> THREADS =
            ConfigOptions.key("drift.retrain.threads")
                    .intType()
                    .defaultValue(1)
                    .withDescription("ONNX Runtime threads of a retraining.");

    public static final ConfigOption<Integer> PROMOTE_MIN_PAIRS =
            ConfigOptions.key("drift.promotion.min-records")
                    .intType()
                    .defaultValue(150)
                    .withDescription(
                            "Fed-back records both models must have scored before a decision.");

    public static final ConfigOption<Integer> PROMOTE_MAX_PAIRS =
            ConfigOptions.key("drift.promotion.max-records")
                    .intType()
                    .defaultValue(600)
                    .withDescription("A candidate not better after this many records is rejected.");

    public static final ConfigOption<Double> PROMOTE_MARGIN =
            ConfigOptions.key("drift.promotion.margin")
                    .doubleType()
                    .defaultValue(0.01)
                    .withDescription(
                            "AUC the candidate must gain over the live model to replace it.");

    public static final ConfigOption<Integer> PROMOTE_EVALUATE_EVERY =
            ConfigOptions.key("drift.promotion.evaluate-every")
                    .intType()
                    .defaultValue(25)
                    .withDescription(
                            "Records between two comparisons of candidate and live model.");

    public static final ConfigOption<Duration> PROMOTE_TIMEOUT =
            ConfigOptions.key("drift.promotion.timeout")
                    .durationType()
                    .defaultValue(PromotionPolicy.DEFAULT_TIMEOUT)
                    .withDescription(
                            "A shadow run without a verdict this long after it started is"
                                    + " rejected (for instance when it pairs no records).");

    public static final ConfigOption<Duration> CANDIDATE_TIMEOUT =
            ConfigOptions.key("drift.retrain.candidate-timeout")
                    .durationType()
                    .defaultValue(RetrainConfig.DEFAULT_CANDIDATE_TIMEOUT)
                    .withDescription(
                            "A training or a candidate with no verdict this long after the"
                                    + " request is rejected, so the loop never waits forever;"
                                    + " longer than drift.promotion.timeout.");

    public static RetrainConfig retrainConfig(ReadableConfig conf, String baseModel) {
        return new RetrainConfig(
                baseModel,
                conf.get(BUNDLE_DIR),
                conf.get(RECENT_WINDOW),
                conf.get(MIN_LABELLED),
                conf.get(REFERENCE),
                conf.get(REFERENCE_SAMPLE),
                conf.get(REFERENCE_LABEL_MAP),
                conf.get(REFERENCE_MAX_CHARS),
                conf.get(THREADS),
                conf.get(CANDIDATE_TIMEOUT).toMillis());
    }

    public static PromotionPolicy promotionPolicy(ReadableConfig conf) {
        return new PromotionPolicy(
                conf.get(PROMOTE_MIN_PAIRS),
                conf.get(PROMOTE_MAX_PAIRS),
                conf.get(PROMOTE_MARGIN),
                conf.get(PROMOTE_EVALUATE_EVERY),
                PromotionPolicy.UNPAIRED_PER_PAIR * conf.get(PROMOTE_MAX_PAIRS),
                conf.get(PROMOTE_TIMEOUT).toMillis());
    }
}
