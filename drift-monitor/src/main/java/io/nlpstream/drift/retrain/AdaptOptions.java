package io.nlpstream.drift.retrain;

import io.nlpstream.drift.detectors.LabelFreeTrigger;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/** Settings of label-free adaptation in the running job ({@code drift.adapt.*}, off by default). */
public final class AdaptOptions {
    private AdaptOptions() {}

    public static final ConfigOption<Boolean> ENABLED =
            ConfigOptions.key("drift.adapt.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Adapt a model that gets no labels by self-training on its recent"
                                    + " texts, judged in shadow by the label-free guard.");

    public static final ConfigOption<Integer> SAMPLE_SIZE =
            ConfigOptions.key("drift.adapt.sample-size")
                    .intType()
                    .defaultValue(2000)
                    .withDescription(
                            "Latest unlabelled texts kept per model (cut to drift.join.text-chars)"
                                    + " and learned from; at most "
                                    + AdaptConfig.MAX_SAMPLE_SIZE
                                    + ".");

    public static final ConfigOption<Integer> MIN_TEXTS =
            ConfigOptions.key("drift.adapt.min-texts")
                    .intType()
                    .defaultValue(500)
                    .withDescription(
                            "Fewest texts an adaptation needs; requests before are ignored.");

    public static final ConfigOption<Integer> ROUNDS =
            ConfigOptions.key("drift.adapt.rounds")
                    .intType()
                    .defaultValue(3)
                    .withDescription("Self-training rounds.");

    public static final ConfigOption<Double> SHARE =
            ConfigOptions.key("drift.adapt.share")
                    .doubleType()
                    .defaultValue(0.2)
                    .withDescription("Share of the texts pseudo-labelled per class in each round.");

    public static final ConfigOption<Long> SEED =
            ConfigOptions.key("drift.adapt.seed")
                    .longType()
                    .defaultValue(42L)
                    .withDescription("Seed recorded in the adapted bundle's provenance.");

    public static final ConfigOption<Duration> NO_LABELS_FOR =
            ConfigOptions.key("drift.adapt.no-labels-for")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "Labels count as absent for a model when none came for this long"
                                    + " (processing time); only then does the label-free trigger"
                                    + " fire and the label-free guard decide. Default: the"
                                    + " default drift.feedback.ttl, the time a label may take.");

    public static final ConfigOption<Double> TRIGGER_ESTIMATED_AUC_DROP =
            ConfigOptions.key("drift.adapt.trigger.estimated-auc-drop")
                    .doubleType()
                    .defaultValue(0.05)
                    .withDescription(
                            "Relative drop of the window's estimated AUC below the version's"
                                    + " reference that counts as drift.");

    public static final ConfigOption<Double> TRIGGER_PSI =
            ConfigOptions.key("drift.adapt.trigger.psi")
                    .doubleType()
                    .defaultValue(0.25)
                    .withDescription(
                            "A PSI (confidence histogram or predicted-label mix) above this counts"
                                    + " as drift.");

    public static final ConfigOption<Integer> TRIGGER_WINDOWS =
            ConfigOptions.key("drift.adapt.trigger.windows")
                    .intType()
                    .defaultValue(5)
                    .withDescription(
                            "Emitted windows (every drift.emit-every scored events) in a row that"
                                    + " must count as drift.");

    public static final ConfigOption<Integer> TRIGGER_COOLDOWN =
            ConfigOptions.key("drift.adapt.trigger.cooldown-windows")
                    .intType()
                    .defaultValue(50)
                    .withDescription("Windows after a request in which no second one is sent.");

    public static final ConfigOption<Double> GUARD_MIN_AGREEMENT =
            ConfigOptions.key("drift.adapt.guard.min-agreement")
                    .doubleType()
                    .defaultValue(0.9)
                    .withDescription(
                            "Least rank agreement (Spearman) of the adapted model's scores with the"
                                    + " live model's on the same texts.");

    public static final ConfigOption<Double> GUARD_MAX_SHARE_SHIFT =
            ConfigOptions.key("drift.adapt.guard.max-share-shift")
                    .doubleType()
                    .defaultValue(0.2)
                    .withDescription(
                            "Largest change of any class's predicted share against the live"
                                    + " model.");

    public static final ConfigOption<Double> GUARD_MAX_ESTIMATED_AUC_DROP =
            ConfigOptions.key("drift.adapt.guard.max-estimated-auc-drop")
                    .doubleType()
                    .defaultValue(0.02)
                    .withDescription(
                            "Largest amount the candidate's estimated AUC may lie below the live"
                                    + " model's.");

    public static final ConfigOption<Integer> GUARD_MIN_RECORDS =
            ConfigOptions.key("drift.adapt.guard.min-records")
                    .intType()
                    .defaultValue(300)
                    .withDescription(
                            "Unlabelled records both models must have scored before the guard"
                                    + " decides.");

    /** The retrainer's adaptation settings. */
    public static AdaptConfig adaptConfig(ReadableConfig conf) {
        return new AdaptConfig(
                conf.get(ENABLED),
                conf.get(SAMPLE_SIZE),
                conf.get(MIN_TEXTS),
                conf.get(ROUNDS),
                conf.get(SHARE),
                conf.get(SEED),
                conf.get(GUARD_MIN_AGREEMENT),
                conf.get(GUARD_MAX_SHARE_SHIFT));
    }

    /** The monitor's label-free trigger, or null when adaptation is off. */
    public static LabelFreeTrigger.Settings trigger(ReadableConfig conf) {
        if (!conf.get(ENABLED)) {
            return null;
        }
        return new LabelFreeTrigger.Settings(
                conf.get(TRIGGER_ESTIMATED_AUC_DROP),
                conf.get(TRIGGER_PSI),
                conf.get(TRIGGER_WINDOWS),
                conf.get(TRIGGER_COOLDOWN),
                conf.get(NO_LABELS_FOR).toMillis());
    }

    /** The shadow evaluator's label-free guard, or null when adaptation is off. */
    public static LabelFreeGuard guard(ReadableConfig conf) {
        if (!conf.get(ENABLED)) {
            return null;
        }
        return new LabelFreeGuard(
                conf.get(GUARD_MIN_RECORDS),
                conf.get(GUARD_MIN_AGREEMENT),
                conf.get(GUARD_MAX_SHARE_SHIFT),
                conf.get(GUARD_MAX_ESTIMATED_AUC_DROP),
                conf.get(NO_LABELS_FOR).toMillis());
    }
}
