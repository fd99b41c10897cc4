package io.nlpstream.serving.train;

import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.TextEmbedder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Labelled texts with their window vectors, computed once and reused by every split and fold.
 *
 * @param texts the texts that could be embedded
 * @param windows window vectors of each text
 * @param truth label index of each text
 * @param labels label names, sorted
 * @param skipped texts refused as unscorable
 */
public record EmbeddedCorpus(
        List<LabelledText> texts,
        float[][][] windows,
        int[] truth,
        List<String> labels,
        int skipped) {

    /** Embeds every text, printing progress to {@code progress}; unscorable texts are skipped. */
    public static EmbeddedCorpus embed(
            List<LabelledText> data, TextEmbedder embedder, PrintWriter progress) {
        List<String> labels =
                new ArrayList<>(new TreeSet<>(data.stream().map(LabelledText::label).toList()));
        Embedded embedded =
                embedTexts(data.stream().map(LabelledText::text).toList(), embedder, progress);
        List<LabelledText> kept = new ArrayList<>();
        for (int i : embedded.kept()) {
            kept.add(data.get(i));
        }
        int[] truth = kept.stream().mapToInt(t -> labels.indexOf(t.label())).toArray();
        return new EmbeddedCorpus(
                kept, embedded.windows(), truth, labels, data.size() - kept.size());
    }

    /**
     * Window vectors of plain texts.
     *
     * @param kept index of each embedded text in the input (unscorable texts are left out)
     * @param windows window vectors of each kept text
     */
    public record Embedded(int[] kept, float[][][] windows) {}

    /** Embeds every text in batches, printing progress; unscorable texts are left out. */
    public static Embedded embedTexts(
            List<String> texts, TextEmbedder embedder, PrintWriter progress) {
        List<Integer> kept = new ArrayList<>();
        List<float[][]> vectors = new ArrayList<>();
        int step = 64;
        long start = System.nanoTime();
        for (int from = 0; from < texts.size(); from += step) {
            int to = Math.min(texts.size(), from + step);
            try {
                vectors.addAll(List.of(embedder.embed(texts.subList(from, to))));
                for (int i = from; i < to; i++) {
                    kept.add(i);
                }
            } catch (InvalidTextException e) {
                for (int i = from; i < to; i++) {
                    try {
                        vectors.add(embedder.embed(List.of(texts.get(i)))[0]);
                        kept.add(i);
                    } catch (InvalidTextException refused) {
                        // left out; the caller counts what is missing
                    }
                }
            }
            if (progress != null && (from / step) % 10 == 9) {
                progress.printf(
                        "embedded %d/%d texts (%.0f s)%n",
                        to, texts.size(), (System.nanoTime() - start) / 1e9);
                progress.flush();
            }
        }
        return new Embedded(
                kept.stream().mapToInt(Integer::intValue).toArray(),
                vectors.toArray(float[][][]::new));
    }

    /** Number of texts. */
    public int size() {
        return texts.size();
    }
}
