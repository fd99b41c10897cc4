package io.nlpstream.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.testutils.CapturedLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nlp-stream run --input FILE} end to end (real broker, MiniCluster, model) on a file with a
 * line the broker cannot take, a recognisable text and rule, and secret Kafka client settings; the
 * log of the whole run is captured at INFO.
 */
class LocalRunITCase {
    private static final String TEXT_SENTINEL = "zqxv-sentinel-text-7731";
    private static final String RULE_SENTINEL = "zqxv-sentinel-rule-4409";
    private static final String TRUSTSTORE_SECRET = "zqxv-truststore-secret-5521";
    private static final String JAAS_SECRET = "zqxv-jaas-secret-9182";
    private static final int OVERSIZED_LINE = 3;
    private static final int OVERSIZED_BYTES = 3 * 1024 * 1024 / 2;
    private static final long DRAIN_TIMEOUT_MILLIS = 30_000;

    private static final String[] SENTENCES = {
        "Great phone, the battery lasts two days.",
        "Terrible.",
        "The food was cold and the waiter ignored us for half an hour.",
        "Works as described.",
        "Broke after a week.",
        "Friendly staff and a cozy room.",
        "I loved every minute of it, " + TEXT_SENTINEL + ".",
        "{\"id\": \"sentinel-json\", \"text\": \"Cheap and cheerful " + TEXT_SENTINEL + "\"}",
        "{\"id\": \"broken\", \"text\": \"" + TEXT_SENTINEL
    };

    @TempDir static Path dir;

    private static Map<String, Object> summary;
    private static String console;
    private static String log;

    @BeforeAll
    static void run() throws Exception {
        List<byte[]> records = new ArrayList<>();
        for (String sentence : SENTENCES) {
            records.add(sentence.getBytes(StandardCharsets.UTF_8));
        }
        byte[] oversized = new byte[OVERSIZED_BYTES];
        Arrays.fill(oversized, (byte) 'x');
        records.add(OVERSIZED_LINE - 1, oversized);
        Path rules = dir.resolve("rules.jsonl");
        Files.writeString(
                rules,
                "{\"id\": \"sentinel-rule\", \"kind\": \"KEYWORD\", \"expression\": \""
                        + RULE_SENTINEL
                        + "\", \"action\": \"ALERT\", \"action_arg\": \"WARNING\","
                        + " \"priority\": 10, \"version\": 1}\n"
                        + "x".repeat(OVERSIZED_BYTES)
                        + "\n");

        Configuration options = new Configuration();
        options.set(JobOptions.PARALLELISM, 1);
        // A PLAINTEXT client ignores these settings, but still reads and prints its config.
        options.setString(
                JobOptions.KAFKA_PROPERTIES_PREFIX + "ssl.truststore.password", TRUSTSTORE_SECRET);
        options.setString(
                JobOptions.KAFKA_PROPERTIES_PREFIX + "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"nlp\" password=\""
                        + JAAS_SECRET
                        + "\";");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CapturedLog captured = CapturedLog.startAtInfo();
                PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            summary =
                    new LocalRun(
                                    new LocalRun.Settings(
                                            options,
                                            records,
                                            0,
                                            rules,
                                            dir.resolve("out"),
                                            5_000,
                                            DRAIN_TIMEOUT_MILLIS),
                                    printer)
                            .execute();
            log = captured.text();
        }
        console = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLineTooLargeForTheBrokerIsReportedAndAccountedAsRejectedAtIngest() throws Exception {
        assertThat(console)
                .contains(
                        "Rejected at ingest: line "
                                + OVERSIZED_LINE
                                + " is "
                                + OVERSIZED_BYTES
                                + " bytes, more than the 1048576 bytes the broker accepts;"
                                + " it never entered the stream");
        assertThat(console)
                .contains(
                        "Rules file: Rejected at ingest: line 2 is "
                                + OVERSIZED_BYTES
                                + " bytes, more than the 1048576 bytes the broker accepts")
                .contains("Published 1 rules");
        assertThat(summary)
                .containsEntry("in", (long) SENTENCES.length + 1)
                .containsEntry("rejected_at_ingest", 1)
                .containsEntry("accounted", (long) SENTENCES.length + 1)
                .containsEntry("all_accounted", true)
                .containsEntry("failed_sends", 0L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rejections =
                (List<Map<String, Object>>) summary.get("ingest_rejections");
        assertThat(rejections).hasSize(1);
        assertThat(rejections.get(0))
                .containsEntry("line", (long) OVERSIZED_LINE)
                .containsEntry("bytes", OVERSIZED_BYTES)
                .containsEntry("limit_bytes", 1048576);
        // It ended when the last record was accounted for, not after waiting for more.
        assertThat((Double) summary.get("elapsed_s")).isLessThan(DRAIN_TIMEOUT_MILLIS / 1000.0);
        assertThat(dir.resolve("out/summary.json"))
                .content()
                .contains("\"rejected_at_ingest\" : 1");
    }

    @Test
    void noTextRuleOrSecretAppearsInTheLogAtInfoOrAbove() {
        // The capture saw the run: the clients' config dumps are there, secrets masked.
        assertThat(log)
                .contains("ProducerConfig values")
                .contains("ssl.truststore.password = [hidden]")
                .contains("sasl.jaas.config = [hidden]");
        for (String secret :
                List.of(TEXT_SENTINEL, RULE_SENTINEL, TRUSTSTORE_SECRET, JAAS_SECRET)) {
            assertThat(linesWith(secret)).as("log lines with %s", secret).isEmpty();
        }
        // The records themselves went through: the texts reached an outcome.
        assertThat(summary).containsEntry("all_accounted", true);
    }

    private static List<String> linesWith(String needle) {
        return log.lines().filter(l -> l.contains(needle)).toList();
    }
}
