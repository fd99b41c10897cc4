package io.nlpstream.jobs.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's first step, {@code bin/check-prerequisites}, run as a user's shell would. */
class CheckPrerequisitesTest {
    private static final String SENTENCE =
            "nlp-stream needs JDK 17 or newer, Maven 3.8 or newer and npm; check them with"
                    + " 'java -version', 'mvn -v' and 'npm -v' (README.md, Prerequisites).";

    @TempDir Path tools;

    @Test
    void passesWithTheToolsOfThisMachine() throws Exception {
        Result result = run(System.getenv("PATH"));

        assertThat(result.output).isEmpty();
        assertThat(result.exitCode).isZero();
    }

    @Test
    void refusesAJavaOlderThan17() throws Exception {
        tool("java", "echo 'openjdk version \"11.0.21\" 2023-10-17' >&2");
        for (String other : new String[] {"javac", "mvn", "npm"}) {
            tool(other, "exit 0");
        }

        Result result = run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.output)
                .contains("'java' is version 11.0.21, older than 17.")
                .contains(SENTENCE);
    }

    @Test
    void namesAMissingTool() throws Exception {
        tool("java", "echo 'openjdk version \"17.0.15\" 2025-04-15' >&2");
        tool("javac", "exit 0");
        tool("mvn", "exit 0");

        Result result = run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.output).contains("'npm' was not found on the PATH.").contains(SENTENCE);
    }

    private void tool(String name, String body) throws IOException {
        Path script = tools.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * Runs the script with only the stand-in tools on the PATH, next to the text utilities the
     * script itself uses.
     */
    private Result run() throws Exception {
        for (String utility : new String[] {"sed", "head"}) {
            Files.createSymbolicLink(tools.resolve(utility), Path.of("/usr/bin", utility));
        }
        return run(tools.toString());
    }

    private static Result run(String path) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder("/bin/bash", script().toString()).redirectErrorStream(true);
        builder.environment().put("PATH", path);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }

    private static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("bin/check-prerequisites"))) {
            dir = dir.getParent();
        }
        return dir.resolve("bin/check-prerequisites");
    }

    private record Result(int exitCode, String output) {}
}
