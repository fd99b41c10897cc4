package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.local.ReplayRecords;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's input: real variable-length texts, as texts and as input record values. */
public final class BenchData {
    private static final long SEED = 42L;

    private final String name;
    private final List<LabelledText> labelled;
    private final List<String> texts;

    BenchData(String name, List<LabelledText> labelled) {
        this.name = name;
        this.labelled =
                labelled.stream().filter(t -> t.text() != null && !t.text().isBlank()).toList();
        if (this.labelled.isEmpty()) {
            throw new IllegalArgumentException("the dataset " + name + " has no non-blank texts");
        }
        this.texts = records(this.labelled.size()).stream().map(BenchData::textOf).toList();
    }

    /** The UCI sentiment sentences (Amazon, Yelp and IMDb reviews) from the dataset cache. */
    public static BenchData uciSentiment() {
        return new BenchData("uci", Datasets.fromDefaultCache().uciSentiment());
    }

    /**
     * The SpamAssassin e-mails (every group; subject line and body as the classifier reads them)
     * cut to their first {@code maxChars} characters: long texts of a few hundred tokens.
     */
    public static BenchData spamAssassinEmails(int maxChars) {
        List<LabelledText> cut =
                Datasets.fromDefaultCache().spamAssassin().stream()
                        .map(
                                t ->
                                        new LabelledText(
                                                t.id(),
                                                t.source(),
                                                cut(t.text(), maxChars),
                                                t.label(),
                                                t.time()))
                        .toList();
        return new BenchData("spamassassin-" + maxChars + "-chars", cut);
    }

    /** The first {@code maxChars} characters of a text, never splitting a surrogate pair. */
    static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }

    /** The dataset's name in the report. */
    public String name() {
        return name;
    }

    /** Every text once, in the order the records are sent. */
    public List<String> texts() {
        return texts;
    }

    /**
     * {@code count} Avro TextEvent record values, cycling through the texts (no malformed ones).
     */
    public List<byte[]> records(int count) {
        return ReplayRecords.fromDataset(labelled, count, 0.0, SEED);
    }

    /** Name, size and length distribution in characters, for the report. */
    public Map<String, Object> describe() {
        int[] lengths = texts.stream().mapToInt(String::length).sorted().toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("texts", lengths.length);
        out.put("chars_mean", Math.round(Arrays.stream(lengths).average().orElse(0) * 10) / 10.0);
        out.put("chars_p50", lengths[lengths.length / 2]);
        out.put(
                "chars_p95",
                lengths[(int) Math.min(lengths.length - 1, Math.floor(lengths.length * 0.95))]);
        out.put("chars_max", lengths[lengths.length - 1]);
        return out;
    }

    private static String textOf(byte[] record) {
        try {
            return TextEvent.fromByteBuffer(ByteBuffer.wrap(record)).getText().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot decode a record the benchmark encoded itself", e);
        }
    }

    static List<String> cycle(List<String> texts, long from, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(texts.get((int) ((from + i) % texts.size())));
        }
        return out;
    }
}
