package io.nlpstream.jobs.launcher;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.profiles.ProfileDefaults;
import org.apache.flink.configuration.Configuration;

/**
 * Resolves a profile's options as {@code nlp-stream run --profile NAME} does and prints them; run
 * in a JVM of its own on the launcher's class path by {@link LauncherClasspathITCase}.
 */
public final class ProfileOptionsProbe {
    private ProfileOptionsProbe() {}

    public static void main(String[] args) throws Exception {
        Configuration options =
                ProfileDefaults.apply(
                        JobConfiguration.fromArgs(new String[] {"--profile", args[0]}));
        options.toMap().forEach((key, value) -> System.out.println(key + ": " + value));
    }
}
