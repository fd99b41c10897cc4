package io.nlpstream.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nlpstream.jobs.JobOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns measurements into {@code bench.json} fields and the printed table, with the targets. */
public final class Report {
    static final double PIPELINE_VS_RAW_TARGET = 0.90;
    static final double BATCHING_GAIN_VS_RAW_TARGET = 0.9;
    static final long P99_AT_80_TARGET_MS = 200;
    static final long P99_AT_50_TARGET_MS = 100;
    static final double SCALING_TARGET = 1.7;
    static final long PEAK_RSS_TARGET_MIB = 1536;

    /** The loads whose p99 the report names, null where the run did not measure them. */
    private static final List<Double> LOADS_REPORTED = List.of(0.5, 0.8, 0.95);

    private static final long MIB = 1024 * 1024;
    private static final String ROW = "%-50s %30s   %-14s%n";

    private Report() {}

    /** Writes the report as indented JSON, creating the directory. */
    public static void write(Path file, Map<String, Object> report) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        String json =
                new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report);
        Files.writeString(file, json + "\n");
    }

    /**
     * The report of a CPU run; prints its table to {@code out}. The short mix's fields stay at the
     * top level, where earlier reports had them; {@code mixes} holds one block per text mix.
     */
    static Map<String, Object> cpu(Benchmark.Results r, PrintStream out) {
        BenchSettings s = r.settings();
        Benchmark.MixResults shortTexts = r.shortTexts();
        Map<String, Object> shortJson = mixJson(shortTexts);
        Map<String, Object> longJson = mixJson(r.longTexts());
        double scaling =
                ratio(
                        shortTexts.saturation().throughputPerSecond(),
                        r.parallelismOne().throughputPerSecond());
        long peakMib = r.peakRssBytes() / MIB;

        Map<String, Object> json = header(s, "cpu", r.model(), r.elapsedSeconds());
        json.putAll(shortJson);
        json.put("parallelism_1_tps", round(r.parallelismOne().throughputPerSecond(), 1));
        json.put("parallelism_2_tps", round(shortTexts.saturation().throughputPerSecond(), 1));
        json.put("scaling_2_vs_1", roundOrNull(scaling, 3));
        json.put("saturation_cpu", shortTexts.saturation().cpu());
        json.put("peak_rss_mib", peakMib);
        json.put(
                "peak_rss_mib_saturation_phase",
                shortTexts.saturation().phasePeakRssBytes() < 0
                        ? null
                        : shortTexts.saturation().phasePeakRssBytes() / MIB);
        Map<String, Object> mixes = new LinkedHashMap<>();
        mixes.put(shortTexts.name(), shortJson);
        mixes.put(r.longTexts().name(), longJson);
        json.put("mixes", mixes);

        Map<String, Object> targets = new LinkedHashMap<>();
        Double pipelineVsRaw = (Double) shortJson.get("pipeline_vs_raw");
        Double gainVsRaw = (Double) shortJson.get("batching_gain_vs_raw");
        Long p99AtHighLoad = (Long) shortJson.get("p99_ms_at_80");
        Long p99AtHalfLoad = (Long) shortJson.get("p99_ms_at_50");
        targets.put(
                "pipeline_vs_raw",
                target(
                        ">= " + PIPELINE_VS_RAW_TARGET,
                        pipelineVsRaw != null && pipelineVsRaw >= PIPELINE_VS_RAW_TARGET));
        targets.put(
                "batching_gain_vs_raw",
                target(
                        ">= " + BATCHING_GAIN_VS_RAW_TARGET,
                        gainVsRaw != null && gainVsRaw >= BATCHING_GAIN_VS_RAW_TARGET));
        targets.put(
                "p99_ms_at_80",
                target(
                        "<= " + P99_AT_80_TARGET_MS,
                        p99AtHighLoad != null && p99AtHighLoad <= P99_AT_80_TARGET_MS));
        targets.put(
                "p99_ms_at_50",
                target(
                        "<= " + P99_AT_50_TARGET_MS,
                        p99AtHalfLoad != null && p99AtHalfLoad <= P99_AT_50_TARGET_MS));
        targets.put("scaling_2_vs_1", target(">= " + SCALING_TARGET, scaling >= SCALING_TARGET));
        targets.put(
                "peak_rss_mib",
                target("<= " + PEAK_RSS_TARGET_MIB, peakMib <= PEAK_RSS_TARGET_MIB));
        json.put("targets", targets);

        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("raw", shortTexts.raw().toJson());
        phases.put("raw_per_record", shortTexts.rawPerRecord().toJson());
        phases.put("saturation", shortTexts.saturation().toJson(shortTexts.tokens()));
        phases.put("per_record", shortTexts.perRecord().toJson(shortTexts.tokens()));
        for (PipelineResult latency : shortTexts.latency()) {
            phases.put(latency.phase().name(), latency.toJson(shortTexts.tokens()));
        }
        phases.put("parallelism_1", r.parallelismOne().toJson(shortTexts.tokens()));
        Benchmark.MixResults longTexts = r.longTexts();
        phases.put(Benchmark.LONG_PREFIX + "raw", longTexts.raw().toJson());
        phases.put(Benchmark.LONG_PREFIX + "raw_per_record", longTexts.rawPerRecord().toJson());
        for (PipelineResult pipeline : pipelinePhases(longTexts)) {
            phases.put(pipeline.phase().name(), pipeline.toJson(longTexts.tokens()));
        }
        json.put("phases", phases);

        printCpu(r, json, out);
        return json;
    }

    /** One text mix's figures: texts and tokens per second, ratios, latency per load. */
    static Map<String, Object> mixJson(Benchmark.MixResults mix) {
        Map<String, Object> dataset = new LinkedHashMap<>(mix.dataset());
        dataset.putAll(mix.tokens().describe());
        double rawTps = mix.raw().textsPerSecond();
        double rawPerRecordTps = mix.rawPerRecord().textsPerSecond();
        double pipelineTps = mix.saturation().throughputPerSecond();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset);
        json.put("raw_tps", round(rawTps, 1));
        json.put("raw_tokens_per_s", round(mix.raw().tokensPerSecond(), 1));
        json.put("raw_per_record_tps", round(rawPerRecordTps, 1));
        json.put("raw_per_record_tokens_per_s", round(mix.rawPerRecord().tokensPerSecond(), 1));
        json.put("raw_batching_gain", roundOrNull(ratio(rawTps, rawPerRecordTps), 3));
        json.put("raw_padding_waste", roundOrNull(mix.raw().tokens().waste(), 3));
        json.put("pipeline_tps", round(pipelineTps, 1));
        json.put("pipeline_tokens_per_s", round(mix.saturation().tokensPerSecond(mix.tokens()), 1));
        json.put("pipeline_vs_raw", roundOrNull(ratio(pipelineTps, rawTps), 3));
        Double waste = mix.saturation().paddingWaste();
        json.put("padding_waste", waste == null ? null : round(waste, 3));
        if (mix.perRecord() != null) {
            double perRecordTps = mix.perRecord().throughputPerSecond();
            json.put("per_record_tps", round(perRecordTps, 1));
            json.put("batched_vs_per_record", roundOrNull(ratio(pipelineTps, perRecordTps), 3));
            Double gain = batchingGainVsRaw(pipelineTps, perRecordTps, rawTps, rawPerRecordTps);
            json.put("batching_gain_vs_raw", gain == null ? null : round(gain, 3));
        }
        for (double load : LOADS_REPORTED) {
            json.put("p99_ms_at_" + percent(load), null);
        }
        for (PipelineResult latency : mix.latency()) {
            String name = latency.phase().name();
            String load = name.substring(name.lastIndexOf('-') + 1);
            json.put("latency_" + load, latencyJson(latency, mix.tokens()));
            json.put("p99_ms_at_" + load, ((Number) latency.latency().get("p99")).longValue());
        }
        return json;
    }

    /**
     * The pipeline's batching gain (batched over per-record throughput) as a share of the raw
     * model's own gain from batch 32 over batch 1 at the same thread count: 1.0 = the pipeline
     * gains from batching all that the model can. Null where a throughput is missing.
     */
    static Double batchingGainVsRaw(
            double pipelineTps, double perRecordTps, double rawTps, double rawPerRecordTps) {
        if (pipelineTps <= 0 || perRecordTps <= 0 || rawTps <= 0 || rawPerRecordTps <= 0) {
            return null;
        }
        return (pipelineTps / perRecordTps) / (rawTps / rawPerRecordTps);
    }

    private static List<PipelineResult> pipelinePhases(Benchmark.MixResults mix) {
        List<PipelineResult> out = new ArrayList<>();
        out.add(mix.saturation());
        if (mix.perRecord() != null) {
            out.add(mix.perRecord());
        }
        out.addAll(mix.latency());
        return out;
    }

    /** The fields every report starts with: what ran, where, with which settings. */
    static Map<String, Object> header(
            BenchSettings s, String device, ModelInfo model, double elapsedSeconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "nlp-stream bench");
        json.put("mode", s.mode());
        json.put("date", Instant.now().toString());
        json.put("elapsed_s", round(elapsedSeconds, 1));
        json.put("machine", MachineInfo.describe());
        json.put("model", model.toJson(device));
        json.put("batch", s.batch());
        json.put("batch_max_wait_ms", s.maxWaitMs());
        json.put("parallelism", s.parallelism());
        json.put("intra_op_threads", s.threads());
        json.put("checkpoint_interval_ms", JobOptions.CHECKPOINT_INTERVAL_MS.defaultValue());
        json.put("exactly_once", true);
        json.put("warmup_s", s.warmup().toSeconds());
        json.put("jit_warmup_s", s.jitWarmup().toSeconds());
        json.put(
                "run_batch",
                JobOptions.runBatch(JobOptions.RUN_BATCH.defaultValue(), false, s.batch()));
        json.put("latency_target_p99_ms", s.latencyTargetMs());
        json.put("long_text_chars", s.longTextChars());
        return json;
    }

    private static void printCpu(Benchmark.Results r, Map<String, Object> json, PrintStream out) {
        BenchSettings s = r.settings();
        Map<?, ?> machine = (Map<?, ?>) json.get("machine");
        out.println();
        out.printf(
                Locale.ROOT,
                "nlp-stream bench (%s) on %s cores, %s; %s; batch %d, parallelism %d x %d thread(s),"
                        + " latency target %s%n",
                s.mode(),
                machine.get("cores"),
                machine.get("jvm"),
                r.model(),
                s.batch(),
                s.parallelism(),
                s.threads(),
                s.latencyTargetMs() == null ? "the job's default" : s.latencyTargetMs() + " ms");
        Benchmark.MixResults shortTexts = r.shortTexts();
        out.printf(Locale.ROOT, ROW, "measure", "value", "target");
        printMix(shortTexts, json, json, out);
        out.printf(
                Locale.ROOT,
                ROW,
                "pipeline, parallelism 1",
                perSecond(r.parallelismOne().throughputPerSecond()),
                "");
        out.printf(
                Locale.ROOT,
                ROW,
                "scaling_2_vs_1",
                json.get("scaling_2_vs_1"),
                verdict(json, "scaling_2_vs_1"));
        Map<?, ?> mixes = (Map<?, ?>) json.get("mixes");
        Benchmark.MixResults longTexts = r.longTexts();
        @SuppressWarnings("unchecked")
        Map<String, Object> longJson = (Map<String, Object>) mixes.get(longTexts.name());
        printMix(longTexts, longJson, null, out);
        out.printf(
                Locale.ROOT,
                ROW,
                "peak resident memory (VmHWM), whole run",
                json.get("peak_rss_mib") + " MiB",
                verdict(json, "peak_rss_mib"));
        out.printf(
                Locale.ROOT,
                ROW,
                "  peak during the saturation phase",
                json.get("peak_rss_mib_saturation_phase") + " MiB",
                "");
        out.println();
    }

    /**
     * One mix's rows; verdicts from {@code report}'s targets, none where {@code report} is null.
     */
    private static void printMix(
            Benchmark.MixResults mix,
            Map<String, Object> mixJson,
            Map<String, Object> report,
            PrintStream out) {
        Map<?, ?> dataset = (Map<?, ?>) mixJson.get("dataset");
        out.printf(
                Locale.ROOT,
                "%s texts: %s, %s texts, %s characters and %s tokens per text on average%n",
                mix.name(),
                dataset.get("name"),
                dataset.get("texts"),
                dataset.get("chars_mean"),
                dataset.get("tokens_mean"));
        out.printf(
                Locale.ROOT,
                ROW,
                "raw model (batch "
                        + mix.raw().texts().batch()
                        + ", "
                        + mix.raw().texts().callers()
                        + " callers)",
                rates(mix.raw().textsPerSecond(), mix.raw().tokensPerSecond()),
                "");
        out.printf(
                Locale.ROOT,
                ROW,
                "raw model, batch 1",
                rates(mix.rawPerRecord().textsPerSecond(), mix.rawPerRecord().tokensPerSecond()),
                "");
        out.printf(
                Locale.ROOT,
                ROW,
                "  raw batching gain; padding waste at batch " + mix.raw().texts().batch(),
                mixJson.get("raw_batching_gain") + "; " + mixJson.get("raw_padding_waste"),
                "");
        PipelineResult saturation = mix.saturation();
        out.printf(
                Locale.ROOT,
                ROW,
                "pipeline at saturation (exactly-once)",
                rates(saturation.throughputPerSecond(), saturation.tokensPerSecond(mix.tokens())),
                "");
        out.printf(
                Locale.ROOT,
                ROW,
                "  padding waste (operator's counters)",
                mixJson.get("padding_waste") == null
                        ? "not reported"
                        : mixJson.get("padding_waste"),
                "");
        out.printf(
                Locale.ROOT,
                ROW,
                "  output visible after (commit lag p50/p99)",
                saturation.commitLag().get("p50") + "/" + saturation.commitLag().get("p99") + " ms",
                "");
        out.printf(
                Locale.ROOT,
                ROW,
                "  checkpoints completed, longest",
                saturation.checkpoints().getOrDefault("completed", "?")
                        + ", "
                        + saturation.checkpoints().getOrDefault("duration_max_ms", "?")
                        + " ms",
                "");
        out.println("  CPU in cores, after the warm-up: " + ThreadCpu.describe(saturation.cpu()));
        out.printf(
                Locale.ROOT,
                ROW,
                "pipeline_vs_raw",
                mixJson.get("pipeline_vs_raw"),
                verdict(report, "pipeline_vs_raw"));
        if (mix.perRecord() != null) {
            out.printf(
                    Locale.ROOT,
                    ROW,
                    "pipeline, per-record inference (batch 1)",
                    perSecond(mix.perRecord().throughputPerSecond()),
                    "");
            out.printf(
                    Locale.ROOT,
                    ROW,
                    "batched_vs_per_record",
                    mixJson.get("batched_vs_per_record"),
                    "");
            out.printf(
                    Locale.ROOT,
                    ROW,
                    "batching_gain_vs_raw (pipeline gain / raw gain)",
                    mixJson.get("batching_gain_vs_raw"),
                    verdict(report, "batching_gain_vs_raw"));
        }
        for (PipelineResult latency : mix.latency()) {
            Map<String, Object> l = latency.latency();
            out.printf(
                    Locale.ROOT,
                    ROW,
                    String.format(
                            Locale.ROOT,
                            "latency p50/p95/p99 at %s (%.1f/s offered)",
                            latency.phase().name(),
                            latency.phase().ratePerSecond()),
                    l.get("p50") + "/" + l.get("p95") + "/" + l.get("p99") + " ms",
                    verdict(report, "p99_ms_at_" + loadOf(latency)));
            out.printf(
                    Locale.ROOT,
                    ROW,
                    "  p50/p95/p99: to model | model run | to sink",
                    stageText(latency.stages()),
                    "");
            out.printf(
                    Locale.ROOT,
                    ROW,
                    "  mean batch; chosen batch, predicted/observed p99",
                    batchingText(latency),
                    "");
        }
    }

    private static String batchingText(PipelineResult r) {
        Map<String, Double> m = r.inference();
        return (r.meanBatch() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.meanBatch()))
                + "; "
                + orDash(m.get(InferenceProbe.CHOSEN_BATCH_SIZE))
                + ", "
                + orDash(m.get(InferenceProbe.PREDICTED_LATENCY_MS))
                + "/"
                + orDash(m.get(InferenceProbe.OBSERVED_P99_MS))
                + " ms";
    }

    private static String orDash(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String rates(double texts, double tokens) {
        return String.format(Locale.ROOT, "%.1f /s, %.0f tokens/s", texts, tokens);
    }

    /** The load of a latency phase in percent, e.g. {@code 80} for {@code long-load-80}. */
    private static String loadOf(PipelineResult latency) {
        String name = latency.phase().name();
        return name.substring(name.lastIndexOf('-') + 1);
    }

    private static String stageText(Map<String, Object> stages) {
        StringBuilder text = new StringBuilder();
        for (Object stage : stages.values()) {
            Map<?, ?> p = (Map<?, ?>) stage;
            text.append(text.length() == 0 ? "" : " | ")
                    .append(p.get("p50"))
                    .append('/')
                    .append(p.get("p95"))
                    .append('/')
                    .append(p.get("p99"));
        }
        return text.append(" ms").toString();
    }

    /**
     * The phase name of a latency phase at a share of the saturation rate, e.g. {@code load-80}.
     */
    static String loadKey(double load) {
        return "load-" + percent(load);
    }

    /** {@link #round} for a finite value, null (not NaN, which JSON lacks) otherwise. */
    static Double roundOrNull(double value, int digits) {
        return Double.isFinite(value) ? round(value, digits) : null;
    }

    static double round(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static String perSecond(double value) {
        return String.format(Locale.ROOT, "%.1f /s", value);
    }

    private static long percent(double load) {
        return Math.round(load * 100);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator <= 0 ? Double.NaN : numerator / denominator;
    }

    private static Map<String, Object> target(String wanted, boolean met) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", wanted);
        out.put("met", met);
        return out;
    }

    /** The target of {@code key} and whether it was met; empty without one. */
    private static String verdict(Map<String, Object> report, String key) {
        if (report == null) {
            return "";
        }
        Map<?, ?> t = (Map<?, ?>) ((Map<?, ?>) report.get("targets")).get(key);
        if (t == null) {
            return "";
        }
        return t.get("target") + (Boolean.TRUE.equals(t.get("met")) ? "  ok" : "  MISSED");
    }

    private static Map<String, Object> latencyJson(PipelineResult r, TokenCounts tokens) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("offered_per_s", round(r.phase().ratePerSecond(), 1));
        out.put("achieved_per_s", round(r.throughputPerSecond(), 1));
        out.put("achieved_tokens_per_s", round(r.tokensPerSecond(tokens), 1));
        out.put("seconds", r.phase().duration().toSeconds());
        out.put("p50_ms", r.latency().get("p50"));
        out.put("p95_ms", r.latency().get("p95"));
        out.put("p99_ms", r.latency().get("p99"));
        out.put("max_ms", r.latency().get("max"));
        out.put("count", r.latency().get("count"));
        out.put("visible_p50_ms", r.visibleLatency().get("p50"));
        out.put("visible_p99_ms", r.visibleLatency().get("p99"));
        out.put("mean_batch", r.meanBatch() == null ? null : round(r.meanBatch(), 1));
        Double waste = r.paddingWaste();
        out.put("padding_waste", waste == null ? null : round(waste, 3));
        out.put("chosen_batch_size", r.inference().get(InferenceProbe.CHOSEN_BATCH_SIZE));
        out.put("predicted_latency_ms", r.inference().get(InferenceProbe.PREDICTED_LATENCY_MS));
        out.put("observed_p99_ms", r.inference().get(InferenceProbe.OBSERVED_P99_MS));
        out.put("stages", r.stages());
        return out;
    }

    /** Rows of the GPU sweep as a table. */
    static void printGpu(List<Map<String, Object>> rows, PrintStream out) {
        String row = "%-6s %-22s %6s %14s %14s %16s %10s%n";
        out.println();
        out.printf(
                Locale.ROOT,
                row,
                "prec",
                "encoder",
                "batch",
                "raw",
                "pipeline",
                "pipeline_vs_raw",
                "mean batch");
        for (Map<String, Object> r : rows) {
            out.printf(
                    Locale.ROOT,
                    row,
                    r.get("precision"),
                    r.get("encoder"),
                    r.get("batch"),
                    r.get("raw_tps") + " /s",
                    r.get("pipeline_tps") + " /s",
                    r.get("pipeline_vs_raw"),
                    r.get("mean_batch"));
        }
        out.println();
    }
}
