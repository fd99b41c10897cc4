package io.nlpstream.serving.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Loaders for the real labelled datasets in the cache that {@code bin/fetch-datasets} fills. */
public final class Datasets {
    /** Sources of the UCI Sentiment Labelled Sentences (Kotzias et al. 2015, CC BY 4.0). */
    public static final List<String> UCI_SOURCES = List.of("amazon", "yelp", "imdb");

    /** Groups of the SpamAssassin public corpus (PDDL/CC0). */
    public static final List<String> SPAM_ASSASSIN_GROUPS =
            List.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2");

    static final String UCI_DIR = "sentiment-5.0.2";
    static final String SPAM_DIR = "spam-assassin-0.2.3";

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ENVELOPE_DATE =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    private final Path cache;

    public Datasets(Path cache) {
        this.cache = cache;
    }

    /** Datasets from the default cache directory (see {@link DataDirectory#resolve()}). */
    public static Datasets fromDefaultCache() {
        return new Datasets(DataDirectory.resolve());
    }

    public Path cache() {
        return cache;
    }

    /** The 1,000 sentences of one UCI source, labels {@code negative}/{@code positive}. */
    public List<LabelledText> uciSentiment(String source) {
        if (!UCI_SOURCES.contains(source)) {
            throw new IllegalArgumentException(
                    "Unknown UCI source " + source + "; expected one of " + UCI_SOURCES);
        }
        Path file =
                DataDirectory.require(cache, UCI_DIR)
                        .resolve("package/test/fixtures/" + source + ".json");
        List<LabelledText> out = new ArrayList<>();
        for (JsonNode row : readJson(file)) {
            JsonNode cls = row.get("class");
            if (cls == null || cls.isNull()) {
                continue; // the files end with an empty {text: "", class: null} entry
            }
            String label = cls.asInt() == 1 ? "positive" : "negative";
            String id = String.format(Locale.ROOT, "%s-%04d", source, out.size());
            out.add(new LabelledText(id, source, repairC1(row.get("text").asText()), label, 0L));
        }
        return out;
    }

    /** All three UCI sources, amazon then yelp then imdb. */
    public List<LabelledText> uciSentiment() {
        List<LabelledText> all = new ArrayList<>();
        for (String source : UCI_SOURCES) {
            all.addAll(uciSentiment(source));
        }
        return all;
    }

    /**
     * The messages of one SpamAssassin group as readable text (see {@link EmailText}), label = the
     * routing queue {@code ham}, {@code hard-ham} or {@code spam}, time = the envelope date.
     */
    public List<LabelledText> spamAssassin(String group) {
        if (!SPAM_ASSASSIN_GROUPS.contains(group)) {
            throw new IllegalArgumentException(
                    "Unknown SpamAssassin group "
                            + group
                            + "; expected one of "
                            + SPAM_ASSASSIN_GROUPS);
        }
        Path dir = DataDirectory.require(cache, SPAM_DIR).resolve("package/data/" + group);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        List<LabelledText> out = new ArrayList<>(files.size());
        for (Path file : files) {
            JsonNode message = readJson(file);
            String raw = message.get("text").asText();
            out.add(
                    new LabelledText(
                            group + "-" + message.get("id").asText(),
                            group,
                            EmailText.readable(raw),
                            routingQueue(group),
                            envelopeTime(raw)));
        }
        return out;
    }

    /** Every SpamAssassin group, in {@link #SPAM_ASSASSIN_GROUPS} order. */
    public List<LabelledText> spamAssassin() {
        List<LabelledText> all = new ArrayList<>();
        for (String group : SPAM_ASSASSIN_GROUPS) {
            all.addAll(spamAssassin(group));
        }
        return all;
    }

    /**
     * Some IMDB sentences carry Windows-1252 punctuation decoded as C1 control characters (U+0085,
     * U+0096, ...); map them back to the characters they stand for.
     */
    static String repairC1(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 0x80 && c <= 0x9F) {
                String decoded = new String(new byte[] {(byte) c}, WINDOWS_1252);
                out.append(decoded.charAt(0) == '\uFFFD' ? " " : decoded);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String routingQueue(String group) {
        if (group.startsWith("spam")) {
            return "spam";
        }
        return group.startsWith("hard") ? "hard-ham" : "ham";
    }

    /**
     * Epoch millis of the mbox {@code From } line, e.g. {@code From a@b Thu Aug 22 13:17:22 2002}.
     */
    static long envelopeTime(String raw) {
        int end = raw.indexOf('\n');
        String first = end < 0 ? raw : raw.substring(0, end);
        String[] parts = first.strip().split("\\s+");
        if (!first.startsWith("From ") || parts.length < 6) {
            return 0L;
        }
        String date = String.join(" ", List.of(parts).subList(parts.length - 5, parts.length));
        try {
            return LocalDateTime.parse(date, ENVELOPE_DATE)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0L;
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dataset file " + file, e);
        }
    }
}
