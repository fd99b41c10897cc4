package io.nlpstream.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.EncoderSpec;
import io.nlpstream.serving.train.TrainConfig;
import io.nlpstream.serving.train.TrainRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainerTest {
    private static final String COMPOSITE = "bge-small-en-v1.5-q+e5-small-v2-q";

    @TempDir Path dir;

    @Test
    void aCompositeLiveModelIsRetrainedOnBothOfItsEncoders() {
        List<LabelledText> all = new ArrayList<>(Datasets.fromDefaultCache().uciSentiment());
        Collections.shuffle(all, new Random(5));
        TrainConfig first =
                TrainConfig.defaults("composite", EncoderSpec.parse(COMPOSITE), "200 sentences")
                        .singleDomain("1", "the live model");
        Path live = dir.resolve("composite-1");
        TrainRunner.train(
                all.subList(0, 200),
                first,
                ClassifierOptions.defaults().withIntraOpThreads(1),
                live,
                new PrintWriter(new StringWriter()));

        Retrainer.Result result =
                new Retrainer(
                                new RetrainConfig(
                                        live.toString(),
                                        dir.toString(),
                                        200,
                                        100,
                                        "",
                                        0,
                                        Map.of(),
                                        0,
                                        1))
                        .retrain(live.toString(), all.subList(200, 400), "2");

        BundleManifest candidate = result.manifest();
        assertThat(candidate.encoder()).isEqualTo(COMPOSITE);
        assertThat(candidate.version()).isEqualTo("2");
        assertThat(result.bundleDir()).endsWith("composite-2");
    }
}
