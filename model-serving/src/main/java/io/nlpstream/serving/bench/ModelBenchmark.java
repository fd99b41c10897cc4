package io.nlpstream.serving.bench;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.RunShape;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.ChunkEmbedder;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.inference.EncoderSessions;
import io.nlpstream.serving.inference.EncoderSpec;
import io.nlpstream.serving.inference.LengthBuckets;
import io.nlpstream.serving.inference.OnnxEncoder;
import io.nlpstream.serving.tokenize.TokenWindow;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints encoder throughput on real variable-length sentences: texts/s, tokens/s and ms/batch per
 * batch size, per encoder (fp32 and int8) or composite of encoders, and the share of time spent
 * tokenizing. Not a test.
 */
public final class ModelBenchmark {

    /**
     * What to measure.
     *
     * @param encoders encoders to compare; a composite runs each of its encoders on every text
     * @param batches batch sizes
     * @param threads ONNX Runtime intra-op threads
     * @param texts texts per measurement (UCI sentences, shuffled)
     * @param maxSeconds stop a measurement after this long even if texts remain
     * @param repeats rounds over all batch sizes; the best round of each is reported, since a
     *     shared machine only ever slows a run down
     */
    public record Config(
            List<EncoderSpec> encoders,
            int[] batches,
            int threads,
            int texts,
            double maxSeconds,
            int repeats) {
        public static Config defaults() {
            return new Config(
                    Arrays.stream(Encoder.values()).map(EncoderSpec::of).toList(),
                    new int[] {1, 8, 32, 64},
                    2,
                    768,
                    10.0,
                    3);
        }
    }

    /** One measured row. */
    public record Row(
            String encoder,
            String precision,
            int batch,
            int texts,
            double textsPerSecond,
            double tokensPerSecond,
            double msPerBatch,
            double tokenizeShare,
            double meanTokens,
            double paddingShare) {}

    /** Texts per classify call; the windows of one call are bucketed by length. */
    static final int FLUSH = 256;

    private ModelBenchmark() {}

    public static void main(String[] args) {
        run(Config.defaults(), new PrintWriter(System.out, true));
    }

    /** Runs every encoder and batch size and prints the table to {@code out}. */
    public static List<Row> run(Config config, PrintWriter out) {
        List<String> texts = sample(config.texts());
        out.printf(
                Locale.ROOT,
                "%d UCI sentences, %d intra-op threads, %s, %d cores, load average %.1f%n",
                texts.size(),
                config.threads(),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(
                Locale.ROOT,
                "%-34s %-9s %6s %10s %10s %10s %10s %9s %8s%n",
                "encoder",
                "prec",
                "batch",
                "texts/s",
                "tokens/s",
                "ms/batch",
                "tokenize",
                "tokens",
                "padding");
        List<Row> rows = new ArrayList<>();
        ClassifierOptions options =
                ClassifierOptions.defaults().withIntraOpThreads(config.threads());
        for (EncoderSpec spec : config.encoders()) {
            try (EncoderSessions sessions = EncoderSessions.load(spec, options)) {
                Row[] best = new Row[config.batches().length];
                for (int round = 0; round < config.repeats(); round++) {
                    for (int b = 0; b < best.length; b++) {
                        int batch = config.batches()[b];
                        List<ChunkEmbedder> parts = new ArrayList<>();
                        for (OnnxEncoder model : sessions.encoders()) {
                            parts.add(
                                    new ChunkEmbedder(
                                            model, Math.min(256, spec.maxTokens()), 32, batch, 64));
                        }
                        if (round == 0) {
                            measure(
                                    spec,
                                    parts,
                                    texts.subList(0, Math.min(FLUSH, texts.size())),
                                    batch,
                                    2.0);
                        }
                        Row row = measure(spec, parts, texts, batch, config.maxSeconds());
                        if (best[b] == null || row.textsPerSecond() > best[b].textsPerSecond()) {
                            best[b] = row;
                        }
                    }
                }
                for (Row row : best) {
                    rows.add(row);
                    out.printf(
                            Locale.ROOT,
                            "%-34s %-9s %6d %10.1f %10.0f %10.2f %9.1f%% %9.1f %7.1f%%%n",
                            row.encoder(),
                            row.precision(),
                            row.batch(),
                            row.textsPerSecond(),
                            row.tokensPerSecond(),
                            row.msPerBatch(),
                            100 * row.tokenizeShare(),
                            row.meanTokens(),
                            100 * row.paddingShare());
                }
                out.flush();
            }
        }
        return rows;
    }

    /**
     * Scores {@code texts} in flushes of {@value #FLUSH} (as an operator's micro-batch would), each
     * flush bucketed by length into model batches of {@code batch}, by every part of the spec in
     * turn (as a composite classifier runs them); tokens and batches are summed over the parts.
     */
    private static Row measure(
            EncoderSpec spec,
            List<ChunkEmbedder> parts,
            List<String> texts,
            int batch,
            double maxSeconds) {
        long tokenize = 0;
        long model = 0;
        long tokens = 0;
        long padded = 0;
        int done = 0;
        int batches = 0;
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        int flush = Math.max(batch, FLUSH);
        for (int from = 0; from < texts.size() && System.nanoTime() < deadline; from += flush) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + flush));
            for (ChunkEmbedder embedder : parts) {
                long t0 = System.nanoTime();
                List<TokenWindow> windows = embedder.windows(part);
                long t1 = System.nanoTime();
                embedder.embedWindows(windows);
                long t2 = System.nanoTime();
                tokenize += t1 - t0;
                model += t2 - t1;
                int[] lengths = windows.stream().mapToInt(TokenWindow::length).toArray();
                RunShape shape = LengthBuckets.shape(lengths, batch);
                tokens += shape.realTokens();
                padded += shape.paddedTokens();
                batches += shape.runs();
            }
            done += part.size();
        }
        double seconds = (tokenize + model) / 1e9;
        return new Row(
                spec.id(),
                spec.precision(),
                batch,
                done,
                done / seconds,
                tokens / seconds,
                1000 * seconds / batches,
                (double) tokenize / (tokenize + model),
                (double) tokens / done,
                1.0 - (double) tokens / padded);
    }

    private static List<String> sample(int count) {
        List<LabelledText> all = new ArrayList<>(Datasets.fromDefaultCache().uciSentiment());
        Collections.shuffle(all, new Random(7));
        return all.stream().map(LabelledText::text).filter(t -> !t.isBlank()).limit(count).toList();
    }

    /** Parses {@code 1,8,32,64}. */
    public static int[] parseBatches(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .mapToInt(Integer::parseInt)
                .toArray();
    }
}
