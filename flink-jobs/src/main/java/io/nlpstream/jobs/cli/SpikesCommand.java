package io.nlpstream.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.operators.spikes.Direction;
import io.nlpstream.operators.spikes.KeyedSpikeDetector;
import io.nlpstream.operators.spikes.SeriesObservation;
import io.nlpstream.operators.spikes.SeriesState;
import io.nlpstream.operators.spikes.SpikeDetectorConfig;
import io.nlpstream.operators.spikes.SpikeEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code spikes} command: the opinion-spike detector's offline tools. */
@Command(
        name = "spikes",
        mixinStandardHelpOptions = true,
        description = "The spike detector's offline tools.",
        subcommands = {SpikesCommand.Backtest.class})
public class SpikesCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code spikes backtest}: the streaming detector over a count series from CSV, in time order.
     */
    @Command(
            name = "backtest",
            mixinStandardHelpOptions = true,
            description = {
                "Runs the streaming spike detector over a count series (CSV with a header, a"
                        + " 'timestamp' or 'time' column, ISO-8601 or epoch ms, and a 'count' or"
                        + " 'value' column) in time order, and prints one JSON line per alert"
                        + " (FIRED, RESOLVED) and a summary line. Missing windows count as 0."
            })
    static class Backtest implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

        @Spec CommandSpec spec;

        @Option(names = "--counts", required = true, description = "The CSV file.")
        Path counts;

        @Option(names = "--key", description = "The series' key. Default: the file's name.")
        String key;

        @Option(
                names = "--window",
                description =
                        "Window length (1h, 15m, 1d or ISO-8601 like PT1H)."
                                + " Default: the median spacing of the CSV's times.")
        String window;

        @Option(
                names = "--direction",
                defaultValue = "UP",
                description = "UP, DOWN or BOTH. Default: ${DEFAULT-VALUE}.")
        Direction direction;

        @Option(names = "--warmup", description = "Windows before the first alert. Default: 24.")
        Integer warmup;

        @Option(names = "--fire-score", description = "Score that opens an episode. Default: 4.")
        Double fireScore;

        @Option(names = "--critical-score", description = "Score of a CRITICAL alert. Default: 6.")
        Double criticalScore;

        @Option(
                names = "--release-score",
                description = "An episode stays open down to this score. Default: 2.")
        Double releaseScore;

        @Option(names = "--min-count", description = "Smallest count that can spike. Default: 10.")
        Double minCount;

        @Option(
                names = "--min-excess",
                description = "Smallest excess over the expected count. Default: 5.")
        Double minExcess;

        @Option(
                names = "--zone",
                defaultValue = "UTC",
                description = "Zone of the daily and weekly rhythm. Default: ${DEFAULT-VALUE}.")
        ZoneId zone;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<CountSeriesCsv.Row> rows;
            try (Reader in = Files.newBufferedReader(counts, StandardCharsets.UTF_8)) {
                rows = CountSeriesCsv.read(in);
            } catch (IllegalArgumentException | IOException e) {
                spec.commandLine()
                        .getErr()
                        .println("spikes backtest: cannot read " + counts + ": " + e.getMessage());
                return 1;
            }
            Duration length;
            try {
                length =
                        window != null ? parseDuration(window) : CountSeriesCsv.medianSpacing(rows);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("spikes backtest: " + e.getMessage());
                return 1;
            }
            SpikeDetectorConfig config = config(length);
            String seriesKey = key != null ? key : baseName(counts);

            // rows of one window are summed; a window is [first + i * length, + length)
            long first = rows.get(0).time();
            long windowMs = length.toMillis();
            TreeMap<Long, Double> windows = new TreeMap<>();
            for (CountSeriesCsv.Row row : rows) {
                windows.merge(
                        Math.floorDiv(row.time() - first, windowMs), row.count(), Double::sum);
            }

            KeyedSpikeDetector detector = new KeyedSpikeDetector(config);
            int fired = 0;
            int resolved = 0;
            for (Map.Entry<Long, Double> entry : windows.entrySet()) {
                long start = first + entry.getKey() * windowMs;
                SeriesObservation observation =
                        SeriesObservation.count(
                                seriesKey, start, start + windowMs, entry.getValue(), List.of());
                for (SpikeEvent event : detector.observe(observation)) {
                    out.println(json(event));
                    if (event.type() == SpikeEvent.Type.FIRED) {
                        fired++;
                    } else {
                        resolved++;
                    }
                }
            }
            SeriesState state = detector.state(seriesKey);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("key", seriesKey);
            summary.put("window", length.toString());
            summary.put("rows", rows.size());
            summary.put("windows", windows.lastKey() + 1);
            summary.put("from", Instant.ofEpochMilli(first).toString());
            summary.put("to", Instant.ofEpochMilli(state.lastWindowEnd).toString());
            summary.put("fired", fired);
            summary.put("resolved", resolved);
            summary.put("open_at_end", state.episodeOpen);
            summary.put("rhythm_used_at_end", detector.detector().seasonalActive(state));
            out.println(JSON.writeValueAsString(Map.of("summary", summary)));
            out.flush();
            return 0;
        }

        private SpikeDetectorConfig config(Duration length) {
            SpikeDetectorConfig.Builder builder =
                    SpikeDetectorConfig.builder().window(length).direction(direction).zone(zone);
            if (warmup != null) {
                builder.warmupWindows(warmup);
            }
            if (fireScore != null) {
                builder.fireScore(fireScore);
            }
            if (criticalScore != null) {
                builder.criticalScore(criticalScore);
            }
            if (releaseScore != null) {
                builder.releaseScore(releaseScore);
            }
            if (minCount != null) {
                builder.minCount(minCount);
            }
            if (minExcess != null) {
                builder.minExcess(minExcess);
            }
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }

        private static String json(SpikeEvent event) throws JsonProcessingException {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("event", event.type().name());
            line.put("key", event.key());
            line.put("fired_at", Instant.ofEpochMilli(event.firedAt()).toString());
            line.put("window_start", Instant.ofEpochMilli(event.windowStart()).toString());
            line.put("window_end", Instant.ofEpochMilli(event.windowEnd()).toString());
            line.put("observed", event.observed());
            line.put("expected", round(event.expected(), 2));
            line.put("score", round(event.score(), 2));
            line.put("severity", event.severity().name());
            if (event.type() == SpikeEvent.Type.RESOLVED) {
                line.put("episode_start", Instant.ofEpochMilli(event.episodeStart()).toString());
                line.put("episode_end", Instant.ofEpochMilli(event.episodeEnd()).toString());
                line.put("windows", event.windows());
            }
            return JSON.writeValueAsString(line);
        }

        private static double round(double value, int decimals) {
            double scale = Math.pow(10, decimals);
            return Math.round(value * scale) / scale;
        }

        private static String baseName(Path file) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        }

        static Duration parseDuration(String text) {
            Matcher m = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(text.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "cannot read the window '" + text + "': expected e.g. 1h, 15m, 1d or PT1H");
            }
        }
    }
}
