package io.nlpstream.serving.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.inference.ChunkEmbedder;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.testutils.TestModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sentiment head's cross-domain AUC does not move with the training seed. */
class HeadSeedStabilityTest {
    @Test
    void twoSeedsAgreeWithinTwoThousandthsOfCrossDomainAuc() {
        TrainConfig defaults = TrainConfig.defaults("seed", Encoder.BGE_SMALL_EN_V15_Q, "uci");
        EmbeddedCorpus corpus =
                EmbeddedCorpus.embed(
                        Datasets.fromDefaultCache().uciSentiment(),
                        new ChunkEmbedder(
                                TestModels.encoder(Encoder.BGE_SMALL_EN_V15_Q),
                                defaults.maxTokens(),
                                defaults.overlap(),
                                32,
                                64),
                        null);

        HeadTraining.Result a = new HeadTraining(withSeed(defaults, 42)).run(corpus);
        HeadTraining.Result b = new HeadTraining(withSeed(defaults, 7)).run(corpus);
        Map<String, Double> first = a.metrics();
        Map<String, Double> second = b.metrics();

        System.out.println("seed 42: " + a.l2() + " " + a.l2Grid() + " " + first);
        System.out.println("seed 7: " + b.l2() + " " + b.l2Grid() + " " + second);
        for (String source : new String[] {"amazon", "imdb", "yelp", "mean"}) {
            String key = "cross_domain.auc." + source;
            assertThat(second.get(key)).as(key).isCloseTo(first.get(key), within(0.002));
        }
    }

    private static TrainConfig withSeed(TrainConfig c, long seed) {
        return new TrainConfig(
                c.id(),
                c.version(),
                c.encoder(),
                c.maxTokens(),
                c.overlap(),
                c.l2(),
                List.of(0.3, 3.0),
                c.calibrationFraction(),
                c.testFraction(),
                seed,
                true,
                c.dataDescription());
    }
}
