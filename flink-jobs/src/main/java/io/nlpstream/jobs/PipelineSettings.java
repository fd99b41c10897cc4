package io.nlpstream.jobs;

import io.nlpstream.jobs.profiles.ProfileSettings;
import io.nlpstream.operators.batching.BatchingConfig;
import io.nlpstream.operators.batching.ClassifierProvider;
import io.nlpstream.operators.batching.SharedClassifierProvider;
import io.nlpstream.operators.routing.ConfidenceThresholds;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;

/**
 * The operators' settings, read once from the job options.
 *
 * @param decisionBufferTimeoutMs network buffer timeout on the path from the source to the sinks of
 *     the decisions; the side streams keep the environment's longer default
 */
public record PipelineSettings(
        int maxRecordBytes,
        long decisionBufferTimeoutMs,
        BatchingConfig batching,
        ClassifierProvider classifiers,
        ConfidenceThresholds thresholds,
        DriftSettings drift,
        ProfileSettings profile) {

    /** The plain pipeline's settings, no profile. */
    public PipelineSettings(
            int maxRecordBytes,
            long decisionBufferTimeoutMs,
            BatchingConfig batching,
            ClassifierProvider classifiers,
            ConfidenceThresholds thresholds,
            DriftSettings drift) {
        this(
                maxRecordBytes,
                decisionBufferTimeoutMs,
                batching,
                classifiers,
                thresholds,
                drift,
                ProfileSettings.none());
    }

    public static PipelineSettings fromOptions(Configuration options) {
        int parallelism = options.get(JobOptions.PARALLELISM);
        int threads = options.get(JobOptions.INTRA_OP_THREADS);
        if (threads <= 0) {
            threads =
                    Math.max(
                            1,
                            Runtime.getRuntime().availableProcessors() / Math.max(1, parallelism));
        }
        BatchingConfig batching =
                new BatchingConfig(
                        options.get(JobOptions.BATCH_MAX_SIZE),
                        options.get(JobOptions.BATCH_MAX_WAIT_MS),
                        options.get(JobOptions.BATCH_MAX_TOKENS),
                        options.get(JobOptions.LATENCY_TARGET_P99_MS));
        Map<String, Double> perLabel =
                options.get(JobOptions.LABEL_THRESHOLDS).entrySet().stream()
                        .collect(
                                Collectors.toMap(
                                        Map.Entry::getKey, e -> Double.parseDouble(e.getValue())));
        return new PipelineSettings(
                options.get(JobOptions.MAX_TEXT_BYTES),
                options.get(JobOptions.BUFFER_TIMEOUT_MS),
                batching,
                new SharedClassifierProvider(
                        options.get(JobOptions.MODEL),
                        threads,
                        JobOptions.runBatch(
                                options.get(JobOptions.RUN_BATCH),
                                options.get(JobOptions.USE_GPU),
                                options.get(JobOptions.BATCH_MAX_SIZE)),
                        options.get(JobOptions.USE_GPU)),
                new ConfidenceThresholds(options.get(JobOptions.CONFIDENCE_THRESHOLD), perLabel),
                DriftSettings.fromOptions(options),
                ProfileSettings.fromOptions(options));
    }
}
