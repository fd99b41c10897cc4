package io.nlpstream.serving.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads training data named by a spec: {@code uci[:amazon,yelp,imdb]}, {@code
 * spamassassin[:group,...]}, or a {@code .jsonl}, {@code .csv} or {@code .tsv} file with named text
 * and label columns.
 */
public final class TrainingData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingData() {}

    /**
     * Loads the data.
     *
     * @param spec dataset spec or file path
     * @param textColumn text column of a file
     * @param labelColumn label column of a file
     * @param sourceColumn optional source column of a file (for cross-domain AUC), or null
     * @param maxChars keep only the first {@code maxChars} characters of each text (0 = all)
     */
    public static List<LabelledText> load(
            String spec, String textColumn, String labelColumn, String sourceColumn, int maxChars) {
        List<LabelledText> data = read(spec, textColumn, labelColumn, sourceColumn);
        if (maxChars <= 0) {
            return data;
        }
        return data.stream()
                .map(
                        t ->
                                new LabelledText(
                                        t.id(),
                                        t.source(),
                                        clip(t.text(), maxChars),
                                        t.label(),
                                        t.time()))
                .toList();
    }

    private static List<LabelledText> read(
            String spec, String textColumn, String labelColumn, String sourceColumn) {
        String name = spec.toLowerCase(Locale.ROOT);
        if (name.equals("uci") || name.startsWith("uci:")) {
            Datasets datasets = Datasets.fromDefaultCache();
            List<LabelledText> out = new ArrayList<>();
            for (String source : parts(spec, Datasets.UCI_SOURCES)) {
                out.addAll(datasets.uciSentiment(source));
            }
            return out;
        }
        if (name.equals("spamassassin") || name.startsWith("spamassassin:")) {
            Datasets datasets = Datasets.fromDefaultCache();
            List<LabelledText> out = new ArrayList<>();
            for (String group : parts(spec, Datasets.SPAM_ASSASSIN_GROUPS)) {
                out.addAll(datasets.spamAssassin(group));
            }
            return out;
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "Training data "
                            + spec
                            + " is neither a file nor uci[:sources] / spamassassin[:groups]");
        }
        return name.endsWith(".jsonl") || name.endsWith(".json")
                ? readJsonLines(file, textColumn, labelColumn, sourceColumn)
                : readDelimited(
                        file,
                        name.endsWith(".tsv") ? '\t' : ',',
                        textColumn,
                        labelColumn,
                        sourceColumn);
    }

    private static List<String> parts(String spec, List<String> all) {
        int colon = spec.indexOf(':');
        return colon < 0
                ? all
                : Arrays.stream(spec.substring(colon + 1).split(",")).map(String::strip).toList();
    }

    private static List<LabelledText> readJsonLines(
            Path file, String textColumn, String labelColumn, String sourceColumn) {
        List<LabelledText> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                JsonNode text = row.get(textColumn);
                JsonNode label = row.get(labelColumn);
                if (text == null || label == null || label.isNull()) {
                    throw new IllegalArgumentException(
                            file
                                    + " line "
                                    + number
                                    + ": missing '"
                                    + textColumn
                                    + "' or '"
                                    + labelColumn
                                    + "'");
                }
                String source =
                        sourceColumn != null && row.hasNonNull(sourceColumn)
                                ? row.get(sourceColumn).asText()
                                : file.getFileName().toString();
                out.add(
                        new LabelledText(
                                "line-" + number, source, text.asText(), label.asText(), 0L));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out;
    }

    private static List<LabelledText> readDelimited(
            Path file, char delimiter, String textColumn, String labelColumn, String sourceColumn) {
        List<List<String>> rows;
        try {
            rows = DelimitedParser.parse(Files.readString(file, StandardCharsets.UTF_8), delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        List<String> header = rows.get(0);
        int text = column(file, header, textColumn);
        int label = column(file, header, labelColumn);
        int source = sourceColumn == null ? -1 : column(file, header, sourceColumn);
        List<LabelledText> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() <= Math.max(text, label)) {
                continue;
            }
            String from =
                    source >= 0 && source < row.size()
                            ? row.get(source)
                            : file.getFileName().toString();
            out.add(new LabelledText("row-" + r, from, row.get(text), row.get(label), 0L));
        }
        return out;
    }

    private static int column(Path file, List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(
                    file + " has no column '" + name + "'; columns: " + header);
        }
        return index;
    }

    private static String clip(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
