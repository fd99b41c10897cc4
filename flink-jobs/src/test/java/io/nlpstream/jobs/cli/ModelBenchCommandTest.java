package io.nlpstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelBenchCommandTest {

    @Test
    void printsOneRowPerBatchSize() {
        StringWriter out = new StringWriter();
        int code =
                new CommandLine(new ModelBenchCommand())
                        .setOut(new PrintWriter(out))
                        .execute(
                                "--encoders",
                                "all-minilm-l6-v2-q",
                                "--batches",
                                "1,4",
                                "--texts",
                                "8",
                                "--max-seconds",
                                "1");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("texts/s", "ms/batch", "tokenize");
        assertThat(out.toString().lines().filter(l -> l.startsWith("all-minilm-l6-v2-q")))
                .hasSize(2);
    }

    @Test
    void measuresACompositeAsItsEncodersRunOneAfterTheOther() {
        StringWriter out = new StringWriter();
        int code =
                new CommandLine(new ModelBenchCommand())
                        .setOut(new PrintWriter(out))
                        .execute(
                                "--encoders",
                                "bge-small-en-v1.5-q+e5-small-v2-q",
                                "--batches",
                                "4",
                                "--texts",
                                "8",
                                "--max-seconds",
                                "1",
                                "--repeats",
                                "1");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("tokens/s");
        assertThat(
                        out.toString()
                                .lines()
                                .filter(l -> l.startsWith("bge-small-en-v1.5-q+e5-small-v2-q"))
                                .toList())
                .singleElement()
                .asString()
                .contains("int8+int8");
    }
}
