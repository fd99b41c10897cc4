package io.nlpstream.jobs.profiles;

import io.nlpstream.jobs.JobConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/** A profile's own options and starter rules, read from the class path. */
public final class ProfileDefaults {
    private ProfileDefaults() {}

    /** The options with the chosen profile's defaults under them: what the user set wins. */
    public static Configuration apply(Configuration options) {
        Profile profile = Profile.of(options.get(ProfileOptions.PROFILE));
        if (profile == Profile.NONE) {
            return options;
        }
        Configuration merged = new Configuration();
        options(profile).forEach(merged::setString);
        merged.addAll(options);
        return merged;
    }

    /** The profile's default options. */
    public static Map<String, String> options(Profile profile) {
        if (profile == Profile.NONE) {
            return Map.of();
        }
        try {
            return JobConfiguration.parseYaml(
                    resource(profile.optionsResource()), profile.optionsResource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The profile's starter rules, one JSON object per line. */
    public static List<byte[]> rules(Profile profile) {
        List<byte[]> rules = new ArrayList<>();
        for (String line : resource(profile.rulesResource()).split("\n")) {
            if (!line.isBlank()) {
                rules.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return rules;
    }

    private static String resource(String name) {
        try (InputStream in = ProfileDefaults.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
