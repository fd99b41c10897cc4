package io.nlpstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SpikesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2024-03-04T00:00:00Z");
    private static final int BURST = 100;

    @TempDir Path dir;

    /** Hourly counts around 50 with a burst of 200 at window 100 (seeded noise). */
    private static long[] counts(int windows) {
        Random random = new Random(42);
        long[] counts = new long[windows];
        for (int i = 0; i < windows; i++) {
            counts[i] = i == BURST ? 200 : 50 + Math.round(random.nextGaussian() * Math.sqrt(50));
        }
        return counts;
    }

    private static Instant hour(int i) {
        return START.plus(Duration.ofHours(i));
    }

    @Test
    void printsOneLinePerAlertAndASummary() throws Exception {
        long[] counts = counts(200);
        StringBuilder csv = new StringBuilder("timestamp,count\n");
        for (int i = 0; i < counts.length; i++) {
            csv.append(hour(i)).append(',').append(counts[i]).append('\n');
        }
        Path file = Files.writeString(dir.resolve("acme-mentions.csv"), csv);

        Result result = run("backtest", "--counts", file.toString());

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.lines).hasSize(3);
        JsonNode fired = result.lines.get(0);
        assertThat(fired.get("event").asText()).isEqualTo("FIRED");
        assertThat(fired.get("key").asText()).isEqualTo("acme-mentions");
        assertThat(fired.get("window_start").asText()).isEqualTo(hour(BURST).toString());
        assertThat(fired.get("window_end").asText()).isEqualTo(hour(BURST + 1).toString());
        assertThat(fired.get("fired_at").asText()).isEqualTo(hour(BURST + 1).toString());
        assertThat(fired.get("observed").asDouble()).isEqualTo(200);
        assertThat(fired.get("expected").asDouble()).isBetween(45.0, 55.0);
        assertThat(fired.get("score").asDouble()).isGreaterThan(6);
        assertThat(fired.get("severity").asText()).isEqualTo("CRITICAL");
        JsonNode resolved = result.lines.get(1);
        assertThat(resolved.get("event").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.get("fired_at").asText()).isEqualTo(hour(BURST + 2).toString());
        assertThat(resolved.get("windows").asInt()).isEqualTo(1);
        JsonNode summary = result.lines.get(2).get("summary");
        assertThat(summary.get("window").asText()).isEqualTo("PT1H");
        assertThat(summary.get("rows").asInt()).isEqualTo(200);
        assertThat(summary.get("windows").asInt()).isEqualTo(200);
        assertThat(summary.get("fired").asInt()).isEqualTo(1);
        assertThat(summary.get("resolved").asInt()).isEqualTo(1);
        assertThat(summary.get("open_at_end").asBoolean()).isFalse();
    }

    @Test
    void readsEpochMillisAndValueColumnsInAnyRowOrderWithGaps() throws Exception {
        long[] counts = counts(200);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (i != 150 && i != 151) {
                rows.add(hour(i).toEpochMilli() + ",x," + counts[i]);
            }
        }
        Collections.shuffle(rows, new Random(7));
        Path file =
                Files.writeString(
                        dir.resolve("series.csv"), "time,note,value\n" + String.join("\n", rows));

        Result result = run("backtest", "--counts", file.toString(), "--key", "acme");

        assertThat(result.code).as(result.err).isZero();
        assertThat(result.lines.get(0).get("key").asText()).isEqualTo("acme");
        assertThat(result.lines.get(0).get("window_start").asText())
                .isEqualTo(hour(BURST).toString());
        JsonNode summary = result.lines.get(result.lines.size() - 1).get("summary");
        assertThat(summary.get("window").asText()).isEqualTo("PT1H");
        assertThat(summary.get("rows").asInt()).isEqualTo(198);
        assertThat(summary.get("windows").asInt()).isEqualTo(200);

        // the two missing hours are empty windows: a drop, for a detector that looks down
        Result down = run("backtest", "--counts", file.toString(), "--direction", "DOWN");
        assertThat(down.lines.get(0).get("window_start").asText()).isEqualTo(hour(150).toString());
        assertThat(down.lines.get(0).get("observed").asDouble()).isZero();
    }

    @Test
    void anAlertDependsOnlyOnTheRowsBeforeIt() throws Exception {
        long[] counts = counts(200);
        StringBuilder upToBurst = new StringBuilder("timestamp,count\n");
        for (int i = 0; i <= BURST; i++) {
            upToBurst.append(hour(i)).append(',').append(counts[i]).append('\n');
        }
        StringBuilder all = new StringBuilder(upToBurst);
        for (int i = BURST + 1; i < counts.length; i++) {
            all.append(hour(i)).append(',').append(counts[i]).append('\n');
        }

        Result cut =
                run(
                        "backtest",
                        "--counts",
                        Files.writeString(dir.resolve("a.csv"), upToBurst).toString());
        Result full =
                run(
                        "backtest",
                        "--counts",
                        Files.writeString(dir.resolve("a2.csv"), all).toString(),
                        "--key",
                        "a");

        assertThat(cut.lines.get(0)).isEqualTo(full.lines.get(0));
    }

    @Test
    void aCsvWithoutACountColumnIsRejectedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), "time,n\n2024-01-01T00:00:00Z,3\n");

        Result result = run("backtest", "--counts", file.toString());

        assertThat(result.code).isEqualTo(1);
        assertThat(result.err)
                .contains("no count column: the header needs one of [count, value], has [time, n]");
    }

    @Test
    void aMissingFileIsAnErrorNotAStackTrace() throws Exception {
        Result result = run("backtest", "--counts", dir.resolve("none.csv").toString());

        assertThat(result.code).isEqualTo(1);
        assertThat(result.err).startsWith("spikes backtest: cannot read ").doesNotContain("\tat ");
    }

    @Test
    void anUnreadableTimeNamesItsLine() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("bad.csv"),
                        "timestamp,count\n2024-01-01T00:00:00Z,3\nyesterday,4\n");

        Result result = run("backtest", "--counts", file.toString());

        assertThat(result.code).isEqualTo(1);
        assertThat(result.err).contains("line 3: cannot read the time 'yesterday'");
    }

    @Test
    void inconsistentThresholdsAreAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("s.csv"), "time,count\n0,1\n3600000,2\n");

        Result result = run("backtest", "--counts", file.toString(), "--fire-score", "1.5");

        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("fireScore must be above releaseScore, was 1.5 <= 2.0");
    }

    private record Result(int code, List<JsonNode> lines, String err) {}

    private static Result run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                new CommandLine(new SpikesCommand())
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(err))
                        .execute(args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Result(code, lines, err.toString());
    }
}
