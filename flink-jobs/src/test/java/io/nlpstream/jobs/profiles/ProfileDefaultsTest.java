package io.nlpstream.jobs.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.operators.rules.RuleCompiler;
import io.nlpstream.operators.rules.RuleDecoder;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class ProfileDefaultsTest {
    @Test
    void theProfileFlagBringsTheProfilesOptionsAndWhatTheUserSetWins() throws Exception {
        Configuration options =
                JobConfiguration.fromArgs(
                        new String[] {"--profile", "ticket-routing", "--routing.threshold", "0.7"});

        assertThat(options.get(ProfileOptions.PROFILE)).isEqualTo("ticket-routing");
        assertThat(options.get(JobOptions.MODEL)).isEqualTo("email-triage");
        assertThat(options.get(JobOptions.CONFIDENCE_THRESHOLD)).isEqualTo(0.7);
        assertThat(ProfileSettings.fromOptions(options).tickets().slaByQueue())
                .containsKey("priority");
    }

    @Test
    void withoutAProfileTheOptionsAreAsGiven() throws Exception {
        Configuration options = JobConfiguration.fromArgs(new String[] {"--model.name", "x"});
        assertThat(ProfileDefaults.apply(options).toMap()).isEqualTo(options.toMap());
        assertThat(ProfileSettings.fromOptions(options).profile()).isEqualTo(Profile.NONE);
    }

    @Test
    void anUnknownProfileIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> JobConfiguration.fromArgs(new String[] {"--profile", "nope"}))
                .hasMessage(
                        "unknown profile 'nope'; known: none, opinion-spikes, ticket-routing,"
                                + " financial-sentiment");
    }

    @Test
    void everyProfilesStarterRulesAreValidRules() throws Exception {
        for (Profile profile : Profile.values()) {
            for (byte[] rule : ProfileDefaults.rules(profile)) {
                new RuleCompiler().compile(RuleDecoder.decode(rule));
            }
            ProfileSettings.fromOptions(
                    ProfileDefaults.apply(
                            Configuration.fromMap(
                                    java.util.Map.of(ProfileOptions.PROFILE.key(), profile.id()))));
        }
    }
}
