package io.nlpstream.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nlpstream.jobs.JobOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns measurements into {@code bench.json} fields and the printed table, with the targets. */
public final class Report {
    static final double PIPELINE_VS_RAW_TARGET = 0.90;
    static final double BATCHED_VS_PER_RECORD_TARGET = 2.5;
    static final long P99_AT_80_TARGET_MS = 200;
    static final long P99_AT_80_STRETCH_MS = 100;
    static final double SCALING_TARGET = 1.7;
    static final long PEAK_RSS_TARGET_MIB = 1536;

    private static final double HIGH_LOAD = 0.8;
    private static final long MIB = 1024 * 1024;

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

    /** The report of a CPU run; prints its table to {@code out}. */
    static Map<String, Object> cpu(Benchmark.Results r, PrintStream out) {
        BenchSettings s = r.settings();
        double pipelineVsRaw =
                ratio(r.saturation().throughputPerSecond(), r.raw().textsPerSecond());
        double batchedVsPerRecord =
                ratio(r.saturation().throughputPerSecond(), r.perRecord().throughputPerSecond());
        double scaling =
                ratio(
                        r.saturation().throughputPerSecond(),
                        r.parallelismOne().throughputPerSecond());
        long peakMib = r.peakRssBytes() / MIB;

        Map<String, Object> json = header(s, "cpu", r.model(), r.elapsedSeconds());
        json.put("dataset", r.dataset());
        json.put("raw_tps", round(r.raw().textsPerSecond(), 1));
        json.put("pipeline_tps", round(r.saturation().throughputPerSecond(), 1));
        json.put("pipeline_vs_raw", round(pipelineVsRaw, 3));
        json.put("per_record_tps", round(r.perRecord().throughputPerSecond(), 1));
        json.put("batched_vs_per_record", round(batchedVsPerRecord, 3));
        Long p99AtHighLoad = null;
        for (PipelineResult latency : r.latency()) {
            String name = latency.phase().name();
            json.put("latency_" + name.substring(name.indexOf('-') + 1), latencyJson(latency));
            if (name.equals(loadKey(HIGH_LOAD))) {
                p99AtHighLoad = ((Number) latency.latency().get("p99")).longValue();
            }
        }
        json.put("p99_ms_at_80", p99AtHighLoad);
        json.put("parallelism_1_tps", round(r.parallelismOne().throughputPerSecond(), 1));
        json.put("parallelism_2_tps", round(r.saturation().throughputPerSecond(), 1));
        json.put("scaling_2_vs_1", round(scaling, 3));
        json.put("saturation_cpu", r.saturation().cpu());
        json.put("peak_rss_mib", peakMib);
        json.put(
                "peak_rss_mib_saturation_phase",
                r.saturation().phasePeakRssBytes() < 0
                        ? null
                        : r.saturation().phasePeakRssBytes() / MIB);

        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put(
                "pipeline_vs_raw",
                target(">= " + PIPELINE_VS_RAW_TARGET, pipelineVsRaw >= PIPELINE_VS_RAW_TARGET));
        targets.put(
                "batched_vs_per_record",
                target(
                        ">= " + BATCHED_VS_PER_RECORD_TARGET,
                        batchedVsPerRecord >= BATCHED_VS_PER_RECORD_TARGET));
        targets.put(
                "p99_ms_at_80",
                target(
                        "<= " + P99_AT_80_TARGET_MS + " (stretch " + P99_AT_80_STRETCH_MS + ")",
                        p99AtHighLoad != null && p99AtHighLoad <= P99_AT_80_TARGET_MS));
        targets.put("scaling_2_vs_1", target(">= " + SCALING_TARGET, scaling >= SCALING_TARGET));
        targets.put(
                "peak_rss_mib",
                target("<= " + PEAK_RSS_TARGET_MIB, peakMib <= PEAK_RSS_TARGET_MIB));
        json.put("targets", targets);

        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("raw", r.raw().toJson());
        phases.put("raw_per_record", r.rawPerRecord().toJson());
        phases.put("saturation", r.saturation().toJson());
        phases.put("per_record", r.perRecord().toJson());
        for (PipelineResult latency : r.latency()) {
            phases.put(latency.phase().name(), latency.toJson());
        }
        phases.put("parallelism_1", r.parallelismOne().toJson());
        json.put("phases", phases);

        printCpu(r, json, out);
        return json;
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
        return json;
    }

    private static void printCpu(Benchmark.Results r, Map<String, Object> json, PrintStream out) {
        BenchSettings s = r.settings();
        Map<?, ?> machine = (Map<?, ?>) json.get("machine");
        out.println();
        out.printf(
                Locale.ROOT,
                "nlp-stream bench (%s) on %s cores, %s; %s; batch %d, parallelism %d x %d thread(s)%n",
                s.mode(),
                machine.get("cores"),
                machine.get("jvm"),
                r.model(),
                s.batch(),
                s.parallelism(),
                s.threads());
        String row = "%-46s %24s   %-22s%n";
        out.printf(Locale.ROOT, row, "measure", "value", "target");
        out.printf(
                Locale.ROOT,
                row,
                "raw model (batch " + s.batch() + ", " + s.parallelism() + " callers)",
                perSecond(r.raw().textsPerSecond()),
                "");
        out.printf(
                Locale.ROOT,
                row,
                "raw model, batch 1 (for reference)",
                perSecond(r.rawPerRecord().textsPerSecond()),
                "");
        out.printf(
                Locale.ROOT,
                row,
                "pipeline at saturation (exactly-once)",
                perSecond(r.saturation().throughputPerSecond()),
                "");
        out.printf(
                Locale.ROOT,
                row,
                "  output visible after (commit lag p50/p99)",
                r.saturation().commitLag().get("p50")
                        + "/"
                        + r.saturation().commitLag().get("p99")
                        + " ms",
                "");
        out.printf(
                Locale.ROOT,
                row,
                "  checkpoints completed, longest",
                r.saturation().checkpoints().getOrDefault("completed", "?")
                        + ", "
                        + r.saturation().checkpoints().getOrDefault("duration_max_ms", "?")
                        + " ms",
                "");
        out.println(
                "  CPU in cores, after the warm-up: " + ThreadCpu.describe(r.saturation().cpu()));
        out.printf(
                Locale.ROOT,
                row,
                "pipeline_vs_raw",
                json.get("pipeline_vs_raw"),
                verdict(json, "pipeline_vs_raw"));
        out.printf(
                Locale.ROOT,
                row,
                "pipeline, per-record inference (batch 1)",
                perSecond(r.perRecord().throughputPerSecond()),
                "");
        out.printf(
                Locale.ROOT,
                row,
                "batched_vs_per_record",
                json.get("batched_vs_per_record"),
                verdict(json, "batched_vs_per_record"));
        for (PipelineResult latency : r.latency()) {
            Map<String, Object> l = latency.latency();
            out.printf(
                    Locale.ROOT,
                    row,
                    String.format(
                            Locale.ROOT,
                            "latency p50/p95/p99 at %s (%.0f/s offered)",
                            latency.phase().name(),
                            latency.phase().ratePerSecond()),
                    l.get("p50") + "/" + l.get("p95") + "/" + l.get("p99") + " ms",
                    "");
            out.printf(
                    Locale.ROOT,
                    row,
                    "  p50/p99: to model | model run | to sink",
                    stageText(latency.stages()),
                    "");
        }
        out.printf(
                Locale.ROOT,
                row,
                "p99 at 80% load",
                json.get("p99_ms_at_80") + " ms",
                verdict(json, "p99_ms_at_80"));
        out.printf(
                Locale.ROOT,
                row,
                "pipeline, parallelism 1",
                perSecond(r.parallelismOne().throughputPerSecond()),
                "");
        out.printf(
                Locale.ROOT,
                row,
                "scaling_2_vs_1",
                json.get("scaling_2_vs_1"),
                verdict(json, "scaling_2_vs_1"));
        out.printf(
                Locale.ROOT,
                row,
                "peak resident memory (VmHWM), whole run",
                json.get("peak_rss_mib") + " MiB",
                verdict(json, "peak_rss_mib"));
        out.printf(
                Locale.ROOT,
                row,
                "  peak during the saturation phase",
                json.get("peak_rss_mib_saturation_phase") + " MiB",
                "");
        out.println();
    }

    private static String stageText(Map<String, Object> stages) {
        StringBuilder text = new StringBuilder();
        for (Object stage : stages.values()) {
            Map<?, ?> p = (Map<?, ?>) stage;
            text.append(text.length() == 0 ? "" : " | ")
                    .append(p.get("p50"))
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
        return denominator <= 0 ? 0 : numerator / denominator;
    }

    private static Map<String, Object> target(String wanted, boolean met) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", wanted);
        out.put("met", met);
        return out;
    }

    private static String verdict(Map<String, Object> json, String key) {
        Map<?, ?> t = (Map<?, ?>) ((Map<?, ?>) json.get("targets")).get(key);
        return t.get("target") + (Boolean.TRUE.equals(t.get("met")) ? "  ok" : "  MISSED");
    }

    private static Map<String, Object> latencyJson(PipelineResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("offered_per_s", round(r.phase().ratePerSecond(), 1));
        out.put("achieved_per_s", round(r.throughputPerSecond(), 1));
        out.put("seconds", r.phase().duration().toSeconds());
        out.put("p50_ms", r.latency().get("p50"));
        out.put("p95_ms", r.latency().get("p95"));
        out.put("p99_ms", r.latency().get("p99"));
        out.put("max_ms", r.latency().get("max"));
        out.put("count", r.latency().get("count"));
        out.put("visible_p50_ms", r.visibleLatency().get("p50"));
        out.put("visible_p99_ms", r.visibleLatency().get("p99"));
        out.put("mean_batch", r.meanBatch() == null ? null : round(r.meanBatch(), 1));
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
