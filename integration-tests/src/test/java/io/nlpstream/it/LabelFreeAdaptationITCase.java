package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.demo.DriftDemo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop without labels, end to end: the drift demo's SpamAssassin shift (easy ham, then hard ham
 * and other spam) with every label withheld. The job must notice the shift from label-free figures
 * only, adapt the spam filter by self-training on its recent texts, and leave the verdict on the
 * adapted head to the label-free guard, accounting for every record without a restart.
 */
class LabelFreeAdaptationITCase {
    @TempDir Path out;

    @Test
    void withLabelsWithheldTheShiftIsAdaptedToAndTheGuardDecides() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DriftDemo.Settings settings =
                new DriftDemo.Settings(
                        out,
                        10,
                        -1, // no label ever comes
                        1000,
                        "all-minilm-l6-v2-q",
                        600,
                        0,
                        Map.of(
                                "drift.adapt.enabled", "true",
                                "drift.adapt.no-labels-for", "10 s",
                                // Small enough for the adaptation and the shadow run to end
                                // well before the stream does on a shared 2-core machine.
                                "drift.adapt.sample-size", "500",
                                "drift.adapt.min-texts", "300",
                                "drift.adapt.guard.min-records", "150",
                                "drift.window.predictions.count", "400"));
        Map<String, Object> report;
        try (PrintStream print = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            report = new DriftDemo(settings, print).execute();
        }
        String log = console.toString(StandardCharsets.UTF_8);
        System.out.println(log);

        assertThat(report.get("records_accounted"))
                .as(log)
                .isEqualTo(((Number) report.get("records_in")).longValue());
        assertThat(report.get("duplicates")).isEqualTo(0L);
        assertThat(report.get("job_restarts")).isEqualTo(0);
        assertThat(report.get("trigger_at_event")).as("no labels: no AUC-drop trigger").isNull();
        assertThat(report.get("false_adapt_requests_before_shift")).as(log).isEqualTo(0L);
        assertThat(report.get("adapt_requested_at_event")).as(log).isNotNull();
        // The adapted head is judged by the label-free guard: on its own texts (rejected before
        // any shadow run) or in shadow against the live model.
        String verdict =
                report.get("promotion_reason") != null
                        ? (String) report.get("promotion_reason")
                        : (String) report.get("rejection_reason");
        assertThat(verdict).as(log).isNotNull().contains("label-free guard");
    }
}
