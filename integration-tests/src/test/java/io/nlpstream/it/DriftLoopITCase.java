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
 * The closed loop on a real domain shift, end to end: a real broker, a Flink MiniCluster, a spam
 * filter trained on easy SpamAssassin mail, then harder mail. The job must see the AUC drop from
 * delayed labels, retrain, promote the candidate after a shadow run, refuse a corrupt bundle, and
 * account for every record without a restart.
 */
class DriftLoopITCase {
    @TempDir Path out;

    @Test
    void aDomainShiftIsDetectedRetrainedAndPromotedWithoutARestart() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        // 10 e-mails per second: slow enough for the retraining to finish mid-stream.
        DriftDemo.Settings settings =
                new DriftDemo.Settings(
                        out,
                        10,
                        40,
                        1000,
                        "all-minilm-l6-v2-q",
                        300,
                        0,
                        Map.of("drift.retrain.reference-sample", "150"));
        Map<String, Object> report;
        try (PrintStream print = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            report = new DriftDemo(settings, print).execute();
        }
        String log = console.toString(StandardCharsets.UTF_8);

        assertThat(report.get("records_accounted"))
                .as(log)
                .isEqualTo(((Number) report.get("records_in")).longValue());
        assertThat(report.get("duplicates")).isEqualTo(0L);
        assertThat(report.get("job_restarts")).isEqualTo(0);
        assertThat(report.get("false_triggers_before_shift")).isEqualTo(0L);
        double baseline = (Double) report.get("auc_baseline");
        double afterShift = (Double) report.get("auc_after_shift");
        assertThat(afterShift)
                .as("the shift must cost more than 5%% AUC")
                .isLessThan(baseline * 0.95);
        assertThat(report.get("trigger_at_event")).as(log).isNotNull();
        assertThat((Integer) report.get("trigger_delay_labelled")).isLessThanOrEqualTo(300);
        assertThat(report.get("promoted_version")).as(log).isEqualTo("2");
        // The verdict compares both models on the same fed-back records.
        assertThat((String) report.get("promotion_reason")).startsWith("candidate AUC");
        assertThat(report.get("records_scored_by_promoted")).isNotEqualTo(0L);
        assertThat((Double) report.get("auc_oracle")).as(log).isGreaterThan(afterShift);
        assertThat(report.get("recovery")).as(log).isNotNull();
        assertThat(report.get("estimated_auc_error_before_shift")).as(log).isNotNull();
        assertThat(report.get("estimated_auc_error_after_shift")).as(log).isNotNull();
        assertThat((String) report.get("corrupt_candidate")).as(log).contains("failed");
    }
}
