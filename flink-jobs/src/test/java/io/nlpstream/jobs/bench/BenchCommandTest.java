package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.cli.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void documentsItsOptions() {
        StringWriter out = new StringWriter();
        int code =
                new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).execute("--help");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains(
                        "bench", "--quick", "--out", "--gpu", "--latency-target-ms", "bench.json");
    }

    @Test
    void recordsTheCommandThatRerunsIt() {
        assertThat(BenchCommand.rerunCommand(List.of("bench", "--out", "out/bench"), "bench"))
                .isEqualTo("bin/nlp-stream bench --out out/bench");
        assertThat(BenchCommand.rerunCommand(List.of("--quick"), "bench"))
                .isEqualTo("bin/nlp-stream bench --quick");
    }

    @Test
    void refusesAnUnknownOption() {
        StringWriter err = new StringWriter();
        int code =
                new CommandLine(new BenchCommand()).setErr(new PrintWriter(err)).execute("--fast");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--fast");
    }
}
