package io.nlpstream.jobs.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A count series read from CSV: a header, a time column ({@code timestamp} or {@code time};
 * ISO-8601 or epoch milliseconds) and a count column ({@code count} or {@code value}).
 */
final class CountSeriesCsv {
    private static final List<String> TIME_COLUMNS = List.of("timestamp", "time");
    private static final List<String> COUNT_COLUMNS = List.of("count", "value");

    /** One row: when, and how many. */
    record Row(long time, double count) {}

    private CountSeriesCsv() {}

    /** The rows in time order. */
    static List<Row> read(Reader in) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it =
                mapper.readerFor(Map.class)
                        .with(CsvSchema.emptySchema().withHeader())
                        .readValues(in)) {
            String timeColumn = null;
            String countColumn = null;
            int line = 1;
            while (it.hasNextValue()) {
                Map<String, String> row = it.nextValue();
                line++;
                if (timeColumn == null) {
                    timeColumn = column(row, TIME_COLUMNS, "time");
                    countColumn = column(row, COUNT_COLUMNS, "count");
                }
                rows.add(
                        new Row(
                                parseTime(row.get(timeColumn), line),
                                parseCount(row.get(countColumn), line)));
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("cannot read the CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the CSV has no rows");
        }
        rows.sort(Comparator.comparingLong(Row::time));
        return rows;
    }

    /** The median gap between distinct consecutive times: the series' window. */
    static Duration medianSpacing(List<Row> rows) {
        long[] gaps = new long[Math.max(0, rows.size() - 1)];
        int n = 0;
        for (int i = 1; i < rows.size(); i++) {
            long gap = rows.get(i).time() - rows.get(i - 1).time();
            if (gap > 0) {
                gaps[n++] = gap;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException(
                    "cannot infer the window from fewer than two distinct times; give --window");
        }
        long[] sorted = Arrays.copyOf(gaps, n);
        Arrays.sort(sorted);
        return Duration.ofMillis(sorted[(n - 1) / 2]);
    }

    private static String column(Map<String, String> row, List<String> names, String what) {
        for (String name : names) {
            for (String header : row.keySet()) {
                if (header.trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return header;
                }
            }
        }
        throw new IllegalArgumentException(
                "no "
                        + what
                        + " column: the header needs one of "
                        + names
                        + ", has "
                        + row.keySet());
    }

    static long parseTime(String text, int line) {
        String value = text == null ? "" : text.trim();
        if (value.matches("-?\\d+")) {
            return Long.parseLong(value);
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            // try the forms without a zone, read as UTC
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException notLocal) {
            // a plain date last
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException notDate) {
            throw new IllegalArgumentException(
                    "line "
                            + line
                            + ": cannot read the time '"
                            + value
                            + "': expected ISO-8601 (e.g. "
                            + Instant.ofEpochSecond(1_700_000_000L)
                            + ") or epoch milliseconds");
        }
    }

    private static double parseCount(String text, int line) {
        String value = text == null ? "" : text.trim();
        double count;
        try {
            count = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            count = Double.NaN;
        }
        if (!(count >= 0) || Double.isInfinite(count)) {
            throw new IllegalArgumentException(
                    "line " + line + ": the count must be a number >= 0, was '" + value + "'");
        }
        return count;
    }
}
