package io.nlpstream.serving.train;

import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.ChunkEmbedder;
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
            List<LabelledText> data, ChunkEmbedder embedder, PrintWriter progress) {
        List<String> labels =
                new ArrayList<>(new TreeSet<>(data.stream().map(LabelledText::label).toList()));
        List<LabelledText> kept = new ArrayList<>();
        List<float[][]> vectors = new ArrayList<>();
        int skipped = 0;
        int step = 64;
        long start = System.nanoTime();
        for (int from = 0; from < data.size(); from += step) {
            List<LabelledText> part = data.subList(from, Math.min(data.size(), from + step));
            try {
                float[][][] out = embedder.embed(part.stream().map(LabelledText::text).toList());
                kept.addAll(part);
                vectors.addAll(List.of(out));
            } catch (InvalidTextException e) {
                for (LabelledText one : part) {
                    try {
                        vectors.add(embedder.embed(List.of(one.text()))[0]);
                        kept.add(one);
                    } catch (InvalidTextException refused) {
                        skipped++;
                    }
                }
            }
            if (progress != null && (from / step) % 10 == 9) {
                progress.printf(
                        "embedded %d/%d texts (%.0f s)%n",
                        Math.min(data.size(), from + step),
                        data.size(),
                        (System.nanoTime() - start) / 1e9);
                progress.flush();
            }
        }
        int[] truth = kept.stream().mapToInt(t -> labels.indexOf(t.label())).toArray();
        return new EmbeddedCorpus(kept, vectors.toArray(float[][][]::new), truth, labels, skipped);
    }

    /** Number of texts. */
    public int size() {
        return texts.size();
    }
}
