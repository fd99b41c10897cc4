package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.JobOptions;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * One run of the full job: which settings, which records, and whether they are written to the input
 * topic before the job starts (saturation) or sent on a fixed schedule while it runs.
 *
 * @param name names the phase's topics, consumer groups and transactional ids
 * @param model model bundle name or directory
 * @param gpu ask for the CUDA provider
 * @param parallelism parallelism of every operator
 * @param batch micro-batch size (1 = per-record inference)
 * @param maxWaitMs longest wait of a text for its micro-batch
 * @param threads ONNX Runtime intra-op threads of the shared session
 * @param records input record values
 * @param ratePerSecond 0 = all records are in the topic before the job starts (saturation), else
 *     the open-loop rate at which they are sent while it runs
 * @param warmup output time at the start that is left out of the measurement
 * @param duration measured time
 * @param latencyTargetMs the job's {@code latency.target-p99-ms}, null to leave the job's default
 */
record PipelinePhase(
        String name,
        String model,
        boolean gpu,
        int parallelism,
        int batch,
        long maxWaitMs,
        int threads,
        List<byte[]> records,
        double ratePerSecond,
        Duration warmup,
        Duration duration,
        Integer latencyTargetMs) {

    /** The job option that sets the batching's latency target (0 = fixed batching). */
    static final String LATENCY_TARGET_KEY = "latency.target-p99-ms";

    /** A phase with the job's default latency target. */
    PipelinePhase(
            String name,
            String model,
            boolean gpu,
            int parallelism,
            int batch,
            long maxWaitMs,
            int threads,
            List<byte[]> records,
            double ratePerSecond,
            Duration warmup,
            Duration duration) {
        this(
                name,
                model,
                gpu,
                parallelism,
                batch,
                maxWaitMs,
                threads,
                records,
                ratePerSecond,
                warmup,
                duration,
                null);
    }

    boolean saturation() {
        return ratePerSecond == 0;
    }

    int partitions() {
        return Math.max(2, parallelism);
    }

    /** The job options of this phase against the given broker; exactly-once sinks as always. */
    Configuration options(String bootstrapServers, PhaseTopics topics) {
        Configuration options = new Configuration();
        options.set(JobOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        options.set(JobOptions.GROUP_ID, "bench-" + name);
        options.set(JobOptions.TRANSACTIONAL_ID_PREFIX, "bench-" + name);
        topics.applyTo(options);
        options.set(JobOptions.OUTPUT_FORMAT, "avro");
        options.set(JobOptions.MODEL, model);
        options.set(JobOptions.USE_GPU, gpu);
        options.set(JobOptions.PARALLELISM, parallelism);
        options.set(JobOptions.BATCH_MAX_SIZE, batch);
        options.set(JobOptions.BATCH_MAX_WAIT_MS, maxWaitMs);
        options.set(JobOptions.INTRA_OP_THREADS, threads);
        if (latencyTargetMs != null) {
            // By key: the option is the inference operator's, and older jobs ignore it.
            options.setString(LATENCY_TARGET_KEY, Integer.toString(latencyTargetMs));
        }
        return options;
    }
}
