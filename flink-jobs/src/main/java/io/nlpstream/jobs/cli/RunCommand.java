package io.nlpstream.jobs.cli;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.local.LocalRun;
import io.nlpstream.jobs.local.ReplayRecords;
import io.nlpstream.jobs.profiles.OpinionSpikesDemo;
import io.nlpstream.jobs.profiles.Profile;
import io.nlpstream.jobs.profiles.ProfileDefaults;
import io.nlpstream.jobs.profiles.ProfileOptions;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nlp-stream run}: the whole product on one machine, on a real labelled stream. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Start an embedded Kafka broker and a local Flink cluster, run the job, replay a"
                        + " real labelled stream through it and account for every record.")
final class RunCommand implements Callable<Integer> {
    @Option(
            names = "--rate",
            defaultValue = "100",
            description =
                    "Records per second offered; 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--limit",
            defaultValue = "5000",
            description = "How many records to send (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--input",
            description =
                    "Send each line of FILE, byte for byte, as one record instead of a dataset.")
    Path input;

    @Option(
            names = "--dataset",
            defaultValue = "uci",
            description =
                    "uci (sentiment sentences) or spam (SpamAssassin e-mails) (default ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--malformed-share",
            defaultValue = "0.005",
            description =
                    "Share of malformed records mixed into a dataset replay (default ${DEFAULT-VALUE}).")
    double malformedShare;

    @Option(
            names = "--rules",
            description = "JSON-lines rules to publish first (default: the starter set).")
    Path rules;

    @Option(
            names = "--out",
            defaultValue = "out/run",
            description = "Where summary.json and the outputs go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--model",
            description =
                    "Model bundle name or directory (default: sentiment; email-triage for --dataset spam).")
    String model;

    @Option(names = "--batch", description = "Maximum micro-batch size.")
    Integer batch;

    @Option(
            names = "--max-wait-ms",
            description = "With --latency-target-ms 0: maximum time a text waits for its batch.")
    Long maxWaitMs;

    @Option(
            names = "--latency-target-ms",
            description =
                    "p99 latency the batching keeps (default 200); 0 = fixed batching by --batch and"
                            + " --max-wait-ms.")
    Long latencyTargetMs;

    @Option(names = "--threshold", description = "Confidence threshold for the automatic path.")
    Double threshold;

    @Option(names = "--parallelism", description = "Parallelism of the job.")
    Integer parallelism;

    @Option(names = "--output-format", description = "avro or json.")
    String outputFormat;

    @Option(
            names = "--profile",
            description =
                    "Run a profile of the job: opinion-spikes, ticket-routing or financial-sentiment (its"
                            + " options, starter rules, head and operators; without --input, a demo stream:"
                            + " opinion-spikes replays SpamAssassin in event time with a burst,"
                            + " ticket-routing the SpamAssassin e-mails as tickets).")
    String profile;

    @Option(
            names = "--max-chars",
            defaultValue = "600",
            description =
                    "First characters of each e-mail a profile demo sends (default ${DEFAULT-VALUE}).")
    int maxChars;

    @Option(
            names = "--ticket-events",
            description =
                    "JSON lines published to the ticket-events topic first (ticket-routing: assigned"
                            + " and resolved events).")
    Path ticketEvents;

    @Option(names = "--config", description = "YAML file of job options.")
    Path config;

    @Option(names = "--set", description = "Any job option, key=value (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(
            names = "--cluster",
            description =
                    "Run against the standalone cluster in DIR ('nlp-stream cluster up --dir DIR')"
                            + " instead of an embedded broker and Flink.")
    Path cluster;

    @Option(
            names = "--status-interval-s",
            defaultValue = "5",
            description = "Seconds between status lines (default ${DEFAULT-VALUE}).")
    int statusInterval;

    @Override
    public Integer call() throws Exception {
        Configuration given =
                config == null
                        ? new Configuration()
                        : JobConfiguration.fromArgs(new String[] {"--config", config.toString()});
        set.forEach(given::setString);
        if (profile != null) {
            given.set(ProfileOptions.PROFILE, profile);
        }
        Profile chosen = Profile.of(given.get(ProfileOptions.PROFILE));
        OpinionSpikesDemo.Stream demo = null;
        if (chosen == Profile.OPINION_SPIKES && input == null) {
            OpinionSpikesDemo.OPTIONS.forEach(
                    (k, v) -> {
                        if (!given.containsKey(k)) {
                            given.setString(k, v);
                        }
                    });
            demo =
                    OpinionSpikesDemo.build(
                            Datasets.fromDefaultCache().spamAssassin(), limit, maxChars);
        }
        Configuration options = ProfileDefaults.apply(given);
        boolean spam = "spam".equals(dataset) || chosen == Profile.TICKET_ROUTING;
        options.set(
                JobOptions.MODEL,
                model != null
                        ? model
                        : options.getOptional(JobOptions.MODEL)
                                .orElse(spam ? "email-triage" : "sentiment"));
        if (batch != null) {
            options.set(JobOptions.BATCH_MAX_SIZE, batch);
        }
        if (latencyTargetMs != null) {
            options.set(JobOptions.LATENCY_TARGET_P99_MS, latencyTargetMs);
        }
        if (maxWaitMs != null) {
            options.set(JobOptions.BATCH_MAX_WAIT_MS, maxWaitMs);
        }
        if (threshold != null) {
            options.set(JobOptions.CONFIDENCE_THRESHOLD, threshold);
        }
        if (parallelism != null) {
            options.set(JobOptions.PARALLELISM, parallelism);
        }
        if (outputFormat != null) {
            options.set(JobOptions.OUTPUT_FORMAT, outputFormat);
        }
        List<byte[]> records;
        String from;
        if (input != null) {
            records = ReplayRecords.linesOf(input, limit);
            from = " from " + input;
        } else if (demo != null) {
            records = demo.records();
            from =
                    " of the "
                            + chosen.id()
                            + " demo: "
                            + demo.mails()
                            + " SpamAssassin e-mails in event time with a burst of "
                            + OpinionSpikesDemo.BURST_TEXTS
                            + " negative texts about '"
                            + OpinionSpikesDemo.BURST_KEY
                            + "' at "
                            + Instant.ofEpochMilli(demo.burstStart());
        } else {
            records = datasetRecords(spam);
            from = " of dataset " + (spam ? "spam" : dataset);
        }
        System.out.println(
                "Replaying "
                        + records.size()
                        + " records"
                        + from
                        + (rate > 0 ? " at " + rate + "/s" : " as fast as possible"));
        LocalRun run =
                new LocalRun(
                        new LocalRun.Settings(
                                options,
                                records,
                                rate,
                                rules,
                                out,
                                statusInterval * 1000L,
                                60_000L,
                                demo == null ? Map.of() : demo.describe(),
                                ticketEvents),
                        System.out);
        if (cluster != null) {
            run.onCluster(cluster);
        }
        Map<String, Object> summary = run.execute();
        return Boolean.TRUE.equals(summary.get("all_accounted")) ? 0 : 1;
    }

    private List<byte[]> datasetRecords(boolean spam) {
        Datasets datasets = Datasets.fromDefaultCache();
        List<LabelledText> texts;
        if (spam) {
            texts = datasets.spamAssassin();
        } else if ("uci".equals(dataset)) {
            texts = datasets.uciSentiment();
        } else {
            throw new IllegalArgumentException(
                    "--dataset must be uci or spam, was '" + dataset + "'");
        }
        return ReplayRecords.fromDataset(texts, limit, malformedShare, 42L);
    }
}
