package io.nlpstream.serving.adapt;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.bundle.BundleIo;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.inference.EncoderSessions;
import io.nlpstream.serving.inference.TextEmbedder;
import io.nlpstream.serving.train.EmbeddedCorpus;
import io.nlpstream.serving.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Adapts a bundle's head to unlabelled texts of a target domain by self-training, checks it with
 * the label-free guard and writes it as a new bundle with its provenance.
 */
public final class AdaptRunner {
    private AdaptRunner() {}

    /**
     * How to adapt.
     *
     * @param rounds self-training rounds
     * @param share share of the texts labelled per class in each round
     * @param seed seed of the sample when there are more than {@code maxTexts} texts
     * @param maxTexts most texts used (0 = all)
     * @param guard the label-free check
     * @param id id of the new bundle (null: the base bundle's)
     * @param version version of the new bundle
     */
    public record Settings(
            int rounds,
            double share,
            long seed,
            int maxTexts,
            AdaptationGuard guard,
            String id,
            String version) {}

    /** What an adaptation produced. */
    public record Result(BundleManifest manifest, AdaptationGuard.Verdict verdict) {}

    /** Embeds the texts with the base bundle's encoder, self-trains and writes {@code out}. */
    public static Result adapt(
            String baseModel,
            List<String> texts,
            Settings settings,
            ClassifierOptions options,
            Path out,
            PrintWriter log) {
        ModelBundle base = Bundles.load(baseModel);
        BundleManifest manifest = base.manifest();
        List<String> sample = sample(texts, settings.maxTexts(), settings.seed());
        EmbeddedCorpus.Embedded embedded;
        try (EncoderSessions sessions = EncoderSessions.load(base.encoderSpec(), options)) {
            TextEmbedder embedder =
                    sessions.embedder(
                            manifest.maxTokens(),
                            manifest.overlap(),
                            options.maxBatch(),
                            options.maxChunks());
            log.printf("embedding %d texts with %s%n", sample.size(), manifest.encoder());
            log.flush();
            embedded = EmbeddedCorpus.embedTexts(sample, embedder, log);
        }
        double l2 = penalty(manifest);
        SelfTraining.Result adapted =
                new SelfTraining(new SelfTraining.Settings(settings.rounds(), settings.share(), l2))
                        .adapt(
                                base.head(),
                                manifest.calibration().temperature(),
                                embedded.windows());
        AdaptationGuard.Verdict verdict =
                settings.guard().check(adapted.baseProbabilities(), adapted.probabilities());
        BundleManifest written =
                manifest(base, settings, sample.size(), embedded, l2, adapted, verdict);
        BundleIo.write(out, written, adapted.head());
        log.print(report(written, adapted, verdict));
        log.flush();
        return new Result(written, verdict);
    }

    /** The base head's penalty, as its training recorded it, or the default. */
    static double penalty(BundleManifest manifest) {
        String recorded = manifest.training().get("l2");
        if (recorded != null) {
            try {
                return Double.parseDouble(recorded);
            } catch (NumberFormatException e) {
                // an older bundle: fall through to the default
            }
        }
        return TrainConfig.DEFAULT_L2;
    }

    private static List<String> sample(List<String> texts, int maxTexts, long seed) {
        if (maxTexts <= 0 || texts.size() <= maxTexts) {
            return texts;
        }
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, maxTexts);
    }

    private static BundleManifest manifest(
            ModelBundle base,
            Settings settings,
            int offered,
            EmbeddedCorpus.Embedded embedded,
            double l2,
            SelfTraining.Result adapted,
            AdaptationGuard.Verdict verdict) {
        BundleManifest m = base.manifest();
        Map<String, String> training = new LinkedHashMap<>();
        training.put(
                "adapted_from", m.id() + " version " + m.version() + " (" + base.location() + ")");
        training.put("base_data", m.training().getOrDefault("data", ""));
        training.put(
                "adaptation",
                "self-training on unlabelled target texts: each round the current head labels the"
                        + " top share of the texts for each class and a new head is trained on them");
        training.put("texts", String.valueOf(embedded.windows().length));
        training.put("skipped_unscorable", String.valueOf(offered - embedded.windows().length));
        training.put("rounds", String.valueOf(settings.rounds()));
        training.put("share", String.valueOf(settings.share()));
        training.put("seed", String.valueOf(settings.seed()));
        training.put("l2", String.valueOf(l2));
        training.put(
                "calibration",
                "label-free: the temperature at which the adapted head's probabilities on the"
                        + " target texts are closest to the base head's");
        training.put("guard", (verdict.passed() ? "passed: " : "failed: ") + verdict.reason());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("adapt.guard_passed", verdict.passed() ? 1.0 : 0.0);
        metrics.put("adapt.agreement", verdict.agreement());
        for (int c = 0; c < m.labels().size(); c++) {
            metrics.put("adapt.share." + m.labels().get(c), verdict.adaptedShares()[c]);
            metrics.put("adapt.base_share." + m.labels().get(c), verdict.baseShares()[c]);
        }
        for (SelfTraining.Round r : adapted.rounds()) {
            metrics.put("adapt.round." + r.round() + ".agreement", r.agreement());
        }
        return new BundleManifest(
                BundleManifest.FORMAT,
                settings.id() != null ? settings.id() : m.id(),
                settings.version(),
                m.encoder(),
                m.pooling(),
                m.maxTokens(),
                m.overlap(),
                m.labels(),
                new BundleManifest.Calibration("temperature", adapted.temperature()),
                training,
                metrics,
                m.encoders());
    }

    /** What the adaptation did, round by round, and the guard's verdict. */
    static String report(
            BundleManifest manifest, SelfTraining.Result adapted, AdaptationGuard.Verdict verdict) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%nadapted %s from %s on %s texts (%s rounds, share %s, L2 %s)%n",
                        manifest.id() + " " + manifest.version(),
                        manifest.training().get("adapted_from"),
                        manifest.training().get("texts"),
                        manifest.training().get("rounds"),
                        manifest.training().get("share"),
                        manifest.training().get("l2")));
        for (SelfTraining.Round r : adapted.rounds()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "round %d: labelled %s, rank agreement with the base head %.3f%n",
                            r.round(),
                            java.util.Arrays.toString(r.labelled()),
                            r.agreement()));
        }
        out.append(String.format(Locale.ROOT, "temperature %.4f%n", adapted.temperature()));
        out.append(
                String.format(
                        Locale.ROOT,
                        "guard %s: %s%n",
                        verdict.passed() ? "PASSED" : "FAILED",
                        verdict.reason()));
        return out.toString();
    }
}
