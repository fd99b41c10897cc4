package io.nlpstream.jobs.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.profiles.Profile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@code bin/nlp-stream} runs on: the class path the build writes for it (compile and runtime
 * scopes, never a test dependency), in a JVM of its own. A library that only a test scope brought
 * to the module's tests would be missing there and nowhere else.
 */
class LauncherClasspathITCase {
    private static final Path TARGET = Path.of("target");

    @ParameterizedTest
    @EnumSource(
            value = Profile.class,
            names = {"NONE"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyProfilesOptionsResolveOnTheLaunchersClassPath(Profile profile) throws Exception {
        String classPath =
                String.join(
                        ":",
                        TARGET.resolve("classes").toString(),
                        TARGET.resolve("test-classes").toString(),
                        read("launcher/compile-classpath.txt"),
                        read("launcher/runtime-classpath.txt"));
        Process process =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                classPath,
                                ProfileOptionsProbe.class.getName(),
                                profile.id())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).as(output).contains("job.profile: " + profile.id());
        assertThat(output.lines().filter(l -> !l.isBlank()).toList())
                .as("options besides the profile's name")
                .hasSizeGreaterThan(1);
    }

    private static String read(String file) throws Exception {
        return Files.readString(TARGET.resolve(file)).strip();
    }
}
