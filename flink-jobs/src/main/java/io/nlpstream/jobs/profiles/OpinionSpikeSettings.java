package io.nlpstream.jobs.profiles;

import io.nlpstream.operators.spikes.SpikeDetectorConfig;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/**
 * The opinion windows and their spike detector.
 *
 * @param slide how often a window starts; equal to the size for tumbling windows
 */
public record OpinionSpikeSettings(
        Duration size,
        Duration slide,
        Duration allowedLateness,
        String negativeLabel,
        int maxKeysPerText,
        SpikeDetectorConfig detector)
        implements Serializable {

    public OpinionSpikeSettings {
        if (slide.isZero() || slide.isNegative() || size.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "spikes.window-slide-ms must divide spikes.window-size-ms, was "
                            + slide.toMillis()
                            + " for "
                            + size.toMillis());
        }
    }

    public static OpinionSpikeSettings fromOptions(Configuration options) {
        Duration size = Duration.ofMillis(options.get(ProfileOptions.WINDOW_SIZE_MS));
        long slide = options.get(ProfileOptions.WINDOW_SLIDE_MS);
        return new OpinionSpikeSettings(
                size,
                slide == 0 ? size : Duration.ofMillis(slide),
                Duration.ofMillis(options.get(ProfileOptions.ALLOWED_LATENESS_MS)),
                options.get(ProfileOptions.NEGATIVE_LABEL),
                options.get(ProfileOptions.MAX_KEYS_PER_TEXT),
                SpikeDetectorConfig.builder()
                        .window(size)
                        .warmupWindows(options.get(ProfileOptions.WARMUP_WINDOWS))
                        .fireScore(options.get(ProfileOptions.FIRE_SCORE))
                        .minCount(options.get(ProfileOptions.MIN_COUNT))
                        .minTrials(options.get(ProfileOptions.MIN_TRIALS))
                        .build());
    }
}
