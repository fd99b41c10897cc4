package io.nlpstream.serving.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.head.ChunkAggregator;
import io.nlpstream.serving.head.LinearHead;
import io.nlpstream.serving.inference.ChunkEmbedder;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.testutils.TestModels;
import io.nlpstream.serving.train.EmbeddedCorpus;
import io.nlpstream.serving.train.HeadTrainer;
import io.nlpstream.serving.train.Metrics;
import io.nlpstream.serving.train.StratifiedSplit;
import io.nlpstream.serving.train.TemperatureScaling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Self-training on real domain shifts, labels withheld from adaptation and used only to score: each
 * UCI source as the target of a head trained on the other two, and the SpamAssassin drift scenario
 * (easy ham + spam-1, then hard ham + spam-2). The target texts are cross-fitted: the head adapted
 * on one half scores the other. Prints the figures the model-serving README reports; asserts that
 * the label-free guard never lets through a head that lost AUC.
 *
 * <p>It embeds about 9,000 texts, many of them long e-mails: too long for every build, so it runs
 * only when asked for: {@code mvn -pl model-serving verify -Dnlpstream.evaluations=true
 * -Dit.test=SelfTrainingEvaluationITCase}.
 */
@EnabledIfSystemProperty(named = "nlpstream.evaluations", matches = "true")
class SelfTrainingEvaluationITCase {
    private static final double L2 = 100.0;

    @Test
    void adaptingToAnUnseenUciSourceDoesNotLoseAuc() {
        EmbeddedCorpus corpus =
                embed(Datasets.fromDefaultCache().uciSentiment(), Encoder.BGE_SMALL_EN_V15_Q, 0);
        for (String target : Datasets.UCI_SOURCES) {
            int[] source = rows(corpus, t -> !t.source().equals(target));
            int[] test = rows(corpus, t -> t.source().equals(target));
            Figures f = evaluate(corpus, source, test, 0.2, target);
            assertThat(f.adapted).as(target).isGreaterThan(f.base - 0.01);
            assertThat(f.guardPassed).as(target).isTrue();
            assertGuardCaughtAnyLoss(f);
        }
    }

    @Test
    void adaptingToTheSpamAssassinShiftWithoutLabels() {
        Datasets d = Datasets.fromDefaultCache();
        Random random = new Random(42);
        List<LabelledText> inDomain = new ArrayList<>();
        inDomain.addAll(binary(d.spamAssassin("easy-ham-1")));
        inDomain.addAll(binary(d.spamAssassin("spam-1")));
        Collections.shuffle(inDomain, random);
        int cut = (int) Math.round(inDomain.size() * 0.7);
        List<LabelledText> all = new ArrayList<>(inDomain);
        all.addAll(binary(d.spamAssassin("hard-ham-1")));
        all.addAll(binary(d.spamAssassin("spam-2")));
        EmbeddedCorpus corpus = embed(all, Encoder.MINILM_L6_V2_Q, 1000);
        int[] reference = IntStream.range(0, corpus.size()).filter(i -> i < cut).toArray();
        int[] heldIn = IntStream.range(cut, inDomain.size()).toArray();
        int[] shifted = IntStream.range(inDomain.size(), corpus.size()).toArray();
        Fit base = fit(corpus, reference);
        double inDomainAuc = Metrics.auc(truth(corpus, heldIn), base.probabilities(corpus, heldIn));
        System.out.printf(Locale.ROOT, "spam in-domain AUC %.4f%n", inDomainAuc);
        for (double share : new double[] {0.1, 0.2}) {
            Figures f = evaluate(corpus, reference, shifted, share, "spam shifted");
            assertThat(f.base).as("the shift costs AUC").isLessThan(inDomainAuc - 0.05);
            assertGuardCaughtAnyLoss(f);
        }
    }

    /** A self-trained head that scores the target worse than its base must fail the guard. */
    private static void assertGuardCaughtAnyLoss(Figures f) {
        if (f.adapted < f.base - 0.005) {
            assertThat(f.guardPassed).as("guard on a head that lost AUC: " + f).isFalse();
        }
    }

    private record Figures(double base, double adapted, double labelled, boolean guardPassed) {}

    /** Base head on {@code source}; the target scored by it, by self-training and by labels. */
    private static Figures evaluate(
            EmbeddedCorpus corpus, int[] source, int[] target, double share, String name) {
        Fit base = fit(corpus, source);
        int[] targetTruth = truth(corpus, target);
        double baseAuc = Metrics.auc(targetTruth, base.probabilities(corpus, target));
        // cross-fitting: halves drawn without labels
        List<Integer> order = new ArrayList<>(IntStream.of(target).boxed().toList());
        Collections.shuffle(order, new Random(7));
        int[] a =
                order.subList(0, order.size() / 2).stream()
                        .mapToInt(Integer::intValue)
                        .sorted()
                        .toArray();
        int[] b =
                order.subList(order.size() / 2, order.size()).stream()
                        .mapToInt(Integer::intValue)
                        .sorted()
                        .toArray();
        double[] adaptedScores = new double[corpus.size()];
        double[] labelledScores = new double[corpus.size()];
        boolean passed = true;
        StringBuilder guard = new StringBuilder();
        for (int[][] halves : new int[][][] {{a, b}, {b, a}}) {
            SelfTraining.Result adapted =
                    new SelfTraining(new SelfTraining.Settings(3, share, L2))
                            .adapt(base.head, base.temperature, windows(corpus, halves[0]));
            AdaptationGuard.Verdict verdict =
                    AdaptationGuard.DEFAULT.check(
                            adapted.baseProbabilities(), adapted.probabilities());
            passed &= verdict.passed();
            guard.append(verdict.reason()).append("; ");
            for (int i : halves[1]) {
                adaptedScores[i] =
                        ChunkAggregator.textProbabilities(
                                adapted.head(), corpus.windows()[i], adapted.temperature())[1];
            }
            int[] labelledRows = concat(source, halves[0]);
            Fit labelled = fit(corpus, labelledRows);
            for (int i : halves[1]) {
                labelledScores[i] = labelled.probabilities(corpus, new int[] {i})[0][1];
            }
        }
        double adaptedAuc = auc(corpus, target, adaptedScores);
        double labelledAuc = auc(corpus, target, labelledScores);
        System.out.printf(
                Locale.ROOT,
                "%s (share %.2f): base AUC %.4f, self-trained %.4f, retrained on labels %.4f; guard %s: %s%n",
                name,
                share,
                baseAuc,
                adaptedAuc,
                labelledAuc,
                passed,
                guard);
        return new Figures(baseAuc, adaptedAuc, labelledAuc, passed);
    }

    private record Fit(LinearHead head, double temperature) {
        double[][] probabilities(EmbeddedCorpus corpus, int[] rows) {
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] =
                        ChunkAggregator.textProbabilities(
                                head, corpus.windows()[rows[i]], temperature);
            }
            return out;
        }
    }

    /** A head as {@code train} makes it: 85% to fit, 15% to calibrate. */
    private static Fit fit(EmbeddedCorpus corpus, int[] rows) {
        StratifiedSplit split = StratifiedSplit.of(truth(corpus, rows), 0.15, 0.0, 42);
        List<float[]> vectors = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int r : split.train()) {
            for (float[] w : corpus.windows()[rows[r]]) {
                vectors.add(w);
                labels.add(corpus.truth()[rows[r]]);
            }
        }
        LinearHead head =
                new HeadTrainer(L2)
                        .train(
                                vectors,
                                labels.stream().mapToInt(Integer::intValue).toArray(),
                                corpus.labels());
        int[] cal = IntStream.of(split.calibration()).map(r -> rows[r]).toArray();
        int[] calTruth = truth(corpus, cal);
        double t =
                TemperatureScaling.fit(
                        temp ->
                                Metrics.logLoss(
                                        calTruth, new Fit(head, temp).probabilities(corpus, cal)));
        return new Fit(head, t);
    }

    private static double auc(EmbeddedCorpus corpus, int[] rows, double[] scores) {
        boolean[] positive = new boolean[rows.length];
        double[] s = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            positive[i] = corpus.truth()[rows[i]] == 1;
            s[i] = scores[rows[i]];
        }
        return Metrics.auc(positive, s);
    }

    private static EmbeddedCorpus embed(List<LabelledText> data, Encoder encoder, int maxChars) {
        List<LabelledText> cut = new ArrayList<>();
        for (LabelledText t : data) {
            String text =
                    maxChars > 0 && t.text().length() > maxChars
                            ? t.text().substring(0, maxChars)
                            : t.text();
            cut.add(new LabelledText(t.id(), t.source(), text, t.label(), t.time()));
        }
        return EmbeddedCorpus.embed(
                cut,
                new ChunkEmbedder(
                        TestModels.encoder(encoder),
                        Math.min(256, encoder.maxTokens()),
                        32,
                        32,
                        64),
                null);
    }

    private static List<LabelledText> binary(List<LabelledText> texts) {
        return texts.stream()
                .map(
                        t ->
                                new LabelledText(
                                        t.id(),
                                        t.source(),
                                        t.text(),
                                        t.label().equals("spam") ? "spam" : "ham",
                                        t.time()))
                .toList();
    }

    private static int[] rows(EmbeddedCorpus corpus, java.util.function.Predicate<LabelledText> p) {
        return IntStream.range(0, corpus.size())
                .filter(i -> p.test(corpus.texts().get(i)))
                .toArray();
    }

    private static int[] truth(EmbeddedCorpus corpus, int[] rows) {
        return IntStream.of(rows).map(r -> corpus.truth()[r]).toArray();
    }

    private static float[][][] windows(EmbeddedCorpus corpus, int[] rows) {
        return IntStream.of(rows).mapToObj(r -> corpus.windows()[r]).toArray(float[][][]::new);
    }

    private static int[] concat(int[] x, int[] y) {
        return IntStream.concat(IntStream.of(x), IntStream.of(y)).toArray();
    }
}
