package io.nlpstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScoreCommandTest {
    @TempDir Path dir;

    @Test
    void scoresEveryLineInOrderWithTheShippedSentimentModel() throws Exception {
        Path input = dir.resolve("reviews.txt");
        Files.writeString(
                input,
                "I would buy it again in a heartbeat.\n   \nThe worst purchase I ever made.\n");
        StringWriter out = new StringWriter();

        int code =
                new CommandLine(new ScoreCommand())
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(new StringWriter()))
                        .execute(
                                "--model",
                                "sentiment",
                                "--batch",
                                "8",
                                "--input",
                                input.toString());

        assertThat(code).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0])
                .contains("\"label\":\"positive\"", "\"chunks\":1", "\"scores\":{\"negative\":");
        assertThat(lines[1]).startsWith("{\"error\":\"EMPTY");
        assertThat(lines[2]).contains("\"label\":\"negative\"");
    }

    @Test
    void unknownModelFailsWithAClearMessage() throws Exception {
        Path input = Files.writeString(dir.resolve("one.txt"), "hello\n");
        StringWriter err = new StringWriter();
        int code =
                new CommandLine(new ScoreCommand())
                        .setErr(new PrintWriter(err))
                        .execute("--model", "does-not-exist", "--input", input.toString());
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("No model bundle named or at 'does-not-exist'");
    }
}
