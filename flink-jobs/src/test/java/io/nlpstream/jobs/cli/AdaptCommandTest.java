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

class AdaptCommandTest {
    @TempDir Path dir;

    @Test
    void adaptsTheShippedHeadToUnlabelledReviewsAndScoreLoadsTheAdaptedBundle() throws Exception {
        List<String> lines = new ArrayList<>();
        for (LabelledText t : Datasets.fromDefaultCache().uciSentiment("imdb").subList(0, 200)) {
            lines.add(t.text());
        }
        // a long text takes several windows, as in the job
        String longReview = "The plot was dull and the acting was wooden throughout. ".repeat(80);
        lines.add(longReview);
        lines.add("   ");
        Path texts = Files.write(dir.resolve("reviews.txt"), lines);
        Path bundle = dir.resolve("sentiment-imdb");
        StringWriter out = new StringWriter();

        int code =
                new CommandLine(new AdaptCommand())
                        .setOut(new PrintWriter(out))
                        .execute(
                                "--model", "sentiment",
                                "--texts", texts.toString(),
                                "--rounds", "2",
                                "--threads", "1",
                                "--out", bundle.toString());

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains(
                        "round 1: labelled [40, 40]",
                        "round 2:",
                        "guard PASSED",
                        "bundle written to");
        ModelBundle adapted = Bundles.load(bundle.toString());
        assertThat(adapted.manifest().version()).isEqualTo("adapted");
        assertThat(adapted.manifest().training())
                .containsEntry("texts", "201")
                .containsEntry("skipped_unscorable", "1")
                .containsEntry("rounds", "2")
                .containsEntry("share", "0.2")
                .containsEntry("seed", "42")
                .containsKey("adapted_from");
        assertThat(adapted.manifest().training().get("adapted_from"))
                .startsWith("sentiment version 1");
        assertThat(adapted.manifest().metrics()).containsEntry("adapt.guard_passed", 1.0);

        Path input =
                Files.writeString(
                        dir.resolve("score.txt"), "A wonderful film.\n" + longReview + "\n");
        StringWriter scored = new StringWriter();
        int scoreCode =
                new CommandLine(new ScoreCommand())
                        .setOut(new PrintWriter(scored))
                        .setErr(new PrintWriter(new StringWriter()))
                        .execute(
                                "--model",
                                bundle.toString(),
                                "--threads",
                                "1",
                                "--input",
                                input.toString());
        assertThat(scoreCode).isZero();
        String[] results = scored.toString().split("\n");
        assertThat(results[0]).contains("\"label\":\"positive\"", "\"chunks\":1");
        assertThat(results[1])
                .contains("\"label\":\"negative\"")
                .containsPattern("\"chunks\":([2-9]|[1-9][0-9])");
    }
}
