package io.nlpstream.jobs.profiles;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/** Which profile runs, its event time, and the settings of the operators it switches on. */
public record ProfileSettings(Profile profile, EventTime eventTime, OpinionSpikeSettings opinion) {

    /** No profile: the plain pipeline. */
    public static ProfileSettings none() {
        return new ProfileSettings(Profile.NONE, null, null);
    }

    public static ProfileSettings fromOptions(Configuration options) {
        Profile profile = Profile.of(options.get(ProfileOptions.PROFILE));
        if (profile == Profile.NONE) {
            return none();
        }
        EventTime eventTime =
                new EventTime(
                        Duration.ofMillis(options.get(ProfileOptions.MAX_OUT_OF_ORDERNESS_MS)),
                        Duration.ofMillis(options.get(ProfileOptions.IDLE_TIMEOUT_MS)));
        return new ProfileSettings(
                profile,
                eventTime,
                profile == Profile.OPINION_SPIKES
                        ? OpinionSpikeSettings.fromOptions(options)
                        : null);
    }
}
