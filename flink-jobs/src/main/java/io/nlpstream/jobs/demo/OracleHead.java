package io.nlpstream.jobs.demo;

import io.nlpstream.drift.metrics.RocAuc;
import io.nlpstream.serving.Classification;
import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.SharedClassifiers;
import io.nlpstream.serving.TextClassifier;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.train.TrainConfig;
import io.nlpstream.serving.train.TrainRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The most a retrain could reach after the shift: a head on the live encoder trained (by the same
 * trainer as a retrain) with every label of the post-shift stream, scored on those same records.
 */
final class OracleHead {
    private OracleHead() {}

    /** AUC of the oracle head on {@code shifted}; its bundle is written under {@code dir}. */
    static double auc(List<LabelledText> shifted, Encoder encoder, Path dir, PrintWriter log)
            throws Exception {
        TrainConfig config =
                TrainConfig.defaults(DriftDemo.BASE_ID, encoder, "")
                        .singleDomain(
                                "oracle",
                                "every labelled record of the post-shift stream (oracle)");
        Files.createDirectories(dir.getParent());
        Path bundle = Files.createTempDirectory(dir.getParent(), dir.getFileName() + "-");
        TrainRunner.train(shifted, config, ClassifierOptions.defaults(), bundle, log);
        TextClassifier oracle =
                SharedClassifiers.acquire(bundle.toString(), ClassifierOptions.defaults());
        try {
            List<String> texts = new ArrayList<>();
            List<String> truth = new ArrayList<>();
            for (LabelledText t : shifted) {
                texts.add(t.text());
                truth.add(t.label());
            }
            List<Map<String, Double>> scores = new ArrayList<>();
            for (int i = 0; i < texts.size(); i += 64) {
                for (Classification c :
                        oracle.classify(texts.subList(i, Math.min(texts.size(), i + 64)))) {
                    scores.add(c.scores());
                }
            }
            return RocAuc.oneVsRestMacro(scores, truth);
        } finally {
            SharedClassifiers.release(oracle);
        }
    }
}
