package io.nlpstream.jobs;

import io.nlpstream.drift.DriftMonitorOptions;
import io.nlpstream.drift.monitor.DriftMonitorConfig;
import io.nlpstream.drift.retrain.AdaptConfig;
import io.nlpstream.drift.retrain.AdaptOptions;
import io.nlpstream.drift.retrain.LabelFreeGuard;
import io.nlpstream.drift.retrain.PromotionPolicy;
import io.nlpstream.drift.retrain.RetrainConfig;
import io.nlpstream.drift.retrain.RetrainOptions;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.TimeDomain;

/**
 * Settings of the drift monitors, the retrainer and the shadow evaluation; {@code labelFreeGuard}
 * is null when label-free adaptation is off.
 */
public record DriftSettings(
        Duration feedbackTtl,
        TimeDomain feedbackTimeDomain,
        DriftMonitorConfig live,
        DriftMonitorConfig shadow,
        RetrainConfig retrain,
        PromotionPolicy promotion,
        AdaptConfig adapt,
        LabelFreeGuard labelFreeGuard) {

    public static DriftSettings fromOptions(Configuration options) {
        Configuration shadowOptions = new Configuration(options);
        shadowOptions.set(DriftMonitorOptions.ROLE, "SHADOW");
        return new DriftSettings(
                options.get(DriftMonitorOptions.FEEDBACK_TTL),
                options.get(DriftMonitorOptions.FEEDBACK_TIME_DOMAIN),
                DriftMonitorOptions.monitorConfig(options),
                DriftMonitorOptions.monitorConfig(shadowOptions),
                RetrainOptions.retrainConfig(options, options.get(JobOptions.MODEL)),
                RetrainOptions.promotionPolicy(options),
                AdaptOptions.adaptConfig(options),
                AdaptOptions.guard(options));
    }
}
