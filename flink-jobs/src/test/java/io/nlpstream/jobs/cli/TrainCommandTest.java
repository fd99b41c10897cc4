package io.nlpstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir Path dir;

    @Test
    void trainsABundleFromACsvFileAndPrintsTheMetricsTable() throws Exception {
        List<String> rows = new ArrayList<>(List.of("review,stars,site"));
        for (String source : List.of("yelp", "amazon")) {
            for (LabelledText t :
                    Datasets.fromDefaultCache().uciSentiment(source).subList(0, 150)) {
                rows.add("\"" + t.text().replace("\"", "\"\"") + "\"," + t.label() + "," + source);
            }
        }
        Path csv = dir.resolve("reviews.csv");
        Files.write(csv, rows);
        Path bundle = dir.resolve("tiny-sentiment");
        StringWriter out = new StringWriter();

        int code =
                new CommandLine(new TrainCommand())
                        .setOut(new PrintWriter(out))
                        .execute(
                                "--data", csv.toString(),
                                "--text-col", "review",
                                "--label-col", "stars",
                                "--source-col", "site",
                                "--encoder", "all-minilm-l6-v2-q",
                                "--out", bundle.toString());

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains(
                        "heldout.accuracy",
                        "heldout.auc",
                        "heldout.ece",
                        "cross_domain.auc.yelp",
                        "bundle written to");
        ModelBundle trained = Bundles.load(bundle.toString());
        assertThat(trained.manifest().id()).isEqualTo("tiny-sentiment");
        assertThat(trained.manifest().labels()).containsExactly("negative", "positive");
        assertThat(trained.manifest().training()).containsEntry("examples", "300");
    }
}
