package io.nlpstream.jobs.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one pipeline phase measured.
 *
 * @param phase the phase that ran
 * @param sent input records written or sent
 * @param outcomes records accounted for (predictions + review + dead letters) when it stopped
 * @param throughputPerSecond outcomes per second after the warm-up
 * @param windowSeconds length of the window the throughput was measured over
 * @param latency pipeline latency ({@code emit_time - ingest_time}) after the warm-up
 * @param visibleLatency read_committed consumer latency after the warm-up
 * @param stages p50 and p99 of each stage of the pipeline latency after the warm-up
 * @param commitLag from emit to visibility for read_committed readers, all outcomes
 * @param checkpoints completed checkpoints and their durations, from the job's REST API
 * @param cpu where the process's CPU time went after the warm-up, in cores (see {@link ThreadCpu})
 * @param meanBatch mean micro-batch size reported by the inference operator, null if unknown
 * @param inference the inference operator's last metric values ({@link InferenceProbe}), each null
 *     where the operator does not export it
 * @param peakRssBytes the process's peak resident memory when the phase ended
 * @param phasePeakRssBytes peak resident memory during this phase (starting from what earlier
 *     phases left resident), -1 where the peak cannot be restarted
 */
record PipelineResult(
        PipelinePhase phase,
        long sent,
        long outcomes,
        double throughputPerSecond,
        double windowSeconds,
        Map<String, Object> latency,
        Map<String, Object> visibleLatency,
        Map<String, Object> stages,
        Map<String, Object> commitLag,
        Map<String, Object> checkpoints,
        Map<String, Object> cpu,
        Double meanBatch,
        Map<String, Double> inference,
        long peakRssBytes,
        long phasePeakRssBytes) {

    /**
     * Tokens per second: texts per second times the mean tokens per text of the records sent
     * (records cycle through the dataset in order).
     */
    double tokensPerSecond(TokenCounts tokens) {
        return throughputPerSecond * tokens.meanTokensOfFirst(sent);
    }

    /**
     * Padded ÷ real tokens: the operator's own ratio (both counters read at once), else the ratio
     * of its two counters (read one after the other, which drifts while the job runs); null when it
     * exports neither.
     */
    Double paddingWaste() {
        Double ratio = inference.get(InferenceProbe.PADDING_WASTE);
        if (ratio != null) {
            return ratio;
        }
        Double real = inference.get(InferenceProbe.TOKENS_REAL);
        Double padded = inference.get(InferenceProbe.TOKENS_PADDED);
        return real == null || padded == null || real <= 0 ? null : padded / real;
    }

    /** The phase's figures, tokens per second from the token counts of its dataset. */
    Map<String, Object> toJson(TokenCounts tokens) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("texts_per_s", Report.round(throughputPerSecond, 1));
        out.put("tokens_per_s", Report.round(tokensPerSecond(tokens), 1));
        out.put("tokens_per_text_mean", Report.round(tokens.meanTokensOfFirst(sent), 1));
        out.put(
                "offered_per_s",
                phase.saturation() ? "saturation" : Report.round(phase.ratePerSecond(), 1));
        out.put("parallelism", phase.parallelism());
        out.put("batch_max_size", phase.batch());
        out.put("intra_op_threads", phase.threads());
        out.put("mean_batch", meanBatch == null ? null : Report.round(meanBatch, 1));
        out.put("tokens_real", inference.get(InferenceProbe.TOKENS_REAL));
        out.put("tokens_padded", inference.get(InferenceProbe.TOKENS_PADDED));
        Double waste = paddingWaste();
        out.put("padding_waste", waste == null ? null : Report.round(waste, 3));
        out.put("chosen_batch_size", inference.get(InferenceProbe.CHOSEN_BATCH_SIZE));
        out.put("predicted_latency_ms", inference.get(InferenceProbe.PREDICTED_LATENCY_MS));
        out.put("observed_p99_ms", inference.get(InferenceProbe.OBSERVED_P99_MS));
        out.put("sent", sent);
        out.put("outcomes", outcomes);
        out.put("window_s", Report.round(windowSeconds, 1));
        if (!phase.saturation()) {
            out.put("latency_ms", latency);
            out.put("visible_latency_ms", visibleLatency);
            out.put("stages", stages);
        }
        out.put("commit_lag_ms", commitLag);
        out.put("checkpoints", checkpoints);
        out.put("cpu", cpu);
        out.put("peak_rss_mib_so_far", peakRssBytes / (1024 * 1024));
        out.put(
                "peak_rss_mib_in_phase",
                phasePeakRssBytes < 0 ? null : phasePeakRssBytes / (1024 * 1024));
        return out;
    }
}
