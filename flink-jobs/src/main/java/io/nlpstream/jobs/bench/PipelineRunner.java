package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.local.EmbeddedKafka;
import io.nlpstream.jobs.local.FlinkRest;
import io.nlpstream.jobs.local.StreamReplayer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs one phase of the full job (source, parse, micro-batch inference, routing, rules,
 * exactly-once Kafka sinks) in a fresh MiniCluster against the shared broker, on topics of its own.
 */
final class PipelineRunner {
    private static final long START_TIMEOUT_MILLIS = 180_000;
    private static final long STALL_MILLIS = 30_000;
    private static final long PROGRESS_EVERY_MILLIS = 5_000;

    private final EmbeddedKafka kafka;
    private final PrintStream console;

    PipelineRunner(EmbeddedKafka kafka, PrintStream console) {
        this.kafka = kafka;
        this.console = console;
    }

    PipelineResult run(PipelinePhase phase) throws Exception {
        boolean phasePeak = ResidentMemory.restartPeak();
        PhaseTopics topics = PhaseTopics.of(phase.name());
        topics.create(kafka, phase.partitions());
        TopicFiller filler = new TopicFiller(kafka.bootstrapServers());
        filler.publishStarterRules(topics.rules());
        if (phase.saturation()) {
            filler.fill(topics.input(), phase.partitions(), phase.records());
        }
        OutcomeCollector collector =
                new OutcomeCollector(
                        kafka.bootstrapServers(), topics, "bench-" + phase.name() + "-reader");
        Thread collectorThread = daemon("bench-collector-" + phase.name(), collector);

        int port = freePort();
        Configuration cluster = new Configuration();
        cluster.set(RestOptions.PORT, port);
        cluster.set(TaskManagerOptions.NUM_TASK_SLOTS, phase.parallelism());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(cluster);
        JobClient job;
        try {
            NlpStreamJob.buildJob(env, phase.options(kafka.bootstrapServers(), topics));
            job = env.executeAsync("nlp-stream bench: " + phase.name());
        } catch (Exception e) {
            collector.close();
            throw e;
        }
        StreamReplayer replayer = null;
        BatchSizeProbe batches = null;
        Map<String, Object> checkpoints = Map.of();
        Map<String, Object> cpu = Map.of();
        try {
            FlinkRest rest = new FlinkRest(port, job.getJobID().toString());
            waitUntilRunning(rest, job);
            batches = new BatchSizeProbe(rest);
            if (!phase.saturation()) {
                collector.recordLatencyFrom(System.currentTimeMillis() + phase.warmup().toMillis());
                replayer =
                        new StreamReplayer(
                                kafka.bootstrapServers(),
                                topics.input(),
                                phase.records(),
                                phase.ratePerSecond());
            }
            Thread replayerThread = replayer == null ? null : daemon("bench-replayer", replayer);
            cpu = awaitEnd(phase, job, collector, replayer, replayerThread, batches);
            batches.poll();
            checkpoints = new CheckpointStats(port, job.getJobID().toString()).read();
        } finally {
            if (replayer != null) {
                replayer.stop();
            }
            stop(job);
            collector.close();
            collectorThread.join(10_000);
        }
        if (collector.failure() != null) {
            throw new IllegalStateException("the output reader failed", collector.failure());
        }
        if (replayer != null && replayer.failure() != null) {
            throw new IllegalStateException("the producer failed", replayer.failure());
        }
        EmitTimes.Window window = collector.emits().steadyState(phase.warmup().toMillis());
        return new PipelineResult(
                phase,
                replayer == null ? phase.records().size() : replayer.sent(),
                collector.outcomes(),
                window.perSecond(),
                window.seconds(),
                collector.pipelineLatency().summary(),
                collector.visibleLatency().summary(),
                collector.stages(),
                collector.commitLag().summary(),
                checkpoints,
                cpu,
                batches == null ? null : batches.last(),
                ResidentMemory.peakBytes(),
                phasePeak ? ResidentMemory.phasePeakBytes() : -1);
    }

    /** Waits for the phase to end; returns where the CPU went after the warm-up. */
    private Map<String, Object> awaitEnd(
            PipelinePhase phase,
            JobClient job,
            OutcomeCollector collector,
            StreamReplayer replayer,
            Thread replayerThread,
            BatchSizeProbe batches)
            throws Exception {
        long start = System.currentTimeMillis();
        long wanted = phase.warmup().plus(phase.duration()).toMillis();
        long deadline = start + wanted + START_TIMEOUT_MILLIS;
        long lastOutcomes = -1;
        long lastProgressAt = start;
        long nextReport = start + PROGRESS_EVERY_MILLIS;
        ThreadCpu.Snapshot measuredFrom = null;
        while (true) {
            Thread.sleep(200);
            long now = System.currentTimeMillis();
            if (measuredFrom == null && now - start >= phase.warmup().toMillis()) {
                measuredFrom = ThreadCpu.take();
            }
            long outcomes = collector.outcomes();
            if (outcomes != lastOutcomes) {
                lastOutcomes = outcomes;
                lastProgressAt = now;
            }
            if (now >= nextReport) {
                // Polling keeps the web monitor's metric fetcher warm, so the last value is
                // current.
                batches.poll();
                console.printf(
                        Locale.ROOT,
                        "  [%s %3.0fs] %d outcomes%s, mean batch %s%n",
                        phase.name(),
                        (now - start) / 1000.0,
                        outcomes,
                        replayer == null ? "" : " of " + replayer.sent() + " sent",
                        batches.last() == null
                                ? "-"
                                : String.format(Locale.ROOT, "%.1f", batches.last()));
                nextReport += PROGRESS_EVERY_MILLIS;
            }
            if (phase.saturation()) {
                if (collector.emits().spanMillis() >= wanted
                        || outcomes >= phase.records().size()) {
                    return cpuSince(measuredFrom);
                }
            } else if (!replayerThread.isAlive()) {
                if (outcomes >= replayer.sent()) {
                    return cpuSince(measuredFrom);
                }
                if (now - lastProgressAt > STALL_MILLIS) {
                    console.println("  no progress for " + STALL_MILLIS / 1000 + " s; stopping");
                    return cpuSince(measuredFrom);
                }
            }
            if (now > deadline) {
                console.println("  phase " + phase.name() + " ran past its deadline; stopping");
                return cpuSince(measuredFrom);
            }
            if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "the job of phase " + phase.name() + " ended: " + job.getJobStatus().get());
            }
        }
    }

    private static Map<String, Object> cpuSince(ThreadCpu.Snapshot from) {
        if (from == null) {
            return Map.of();
        }
        return ThreadCpu.between(from, ThreadCpu.take(), ThreadCpu.javaThreadNames());
    }

    private static void waitUntilRunning(FlinkRest rest, JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!rest.allVerticesRunning()) {
            if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "the job ended before it ran: " + job.getJobStatus().get());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "the job did not start within " + START_TIMEOUT_MILLIS / 1000 + " s");
            }
            Thread.sleep(200);
        }
    }

    /** Cancels the job; its MiniCluster shuts down with it and the model session is released. */
    private void stop(JobClient job) {
        try {
            job.cancel().get(60, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline
                    && !job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The cluster may already be gone once the job is cancelled; nothing is left to stop.
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
