package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.local.EmbeddedKafka;
import io.nlpstream.jobs.local.LocalSession;
import io.nlpstream.jobs.local.StreamReplayer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;

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
        Thread collectorThread = LocalSession.daemon("bench-collector-" + phase.name(), collector);

        LocalSession session = LocalSession.on(kafka);
        JobClient job;
        try {
            job =
                    session.startJob(
                            phase.options(kafka.bootstrapServers(), topics),
                            "nlp-stream bench: " + phase.name(),
                            false);
        } catch (Exception e) {
            collector.close();
            throw e;
        }
        StreamReplayer replayer = null;
        InferenceProbe probe = null;
        Map<String, Object> checkpoints = Map.of();
        Map<String, Object> cpu = Map.of();
        try {
            session.awaitRunning(Duration.ofMillis(START_TIMEOUT_MILLIS));
            probe = new InferenceProbe(session.rest());
            if (!phase.saturation()) {
                collector.recordLatencyFrom(System.currentTimeMillis() + phase.warmup().toMillis());
                replayer =
                        session.replayer(
                                topics.input(),
                                phase.records(),
                                phase.ratePerSecond(),
                                rejection -> {});
            }
            Thread replayerThread =
                    replayer == null ? null : LocalSession.daemon("bench-replayer", replayer);
            cpu = awaitEnd(phase, session, collector, replayer, replayerThread, probe);
            probe.pollAll();
            checkpoints =
                    new CheckpointStats(session.webUiPort(), job.getJobID().toString()).read();
        } finally {
            if (replayer != null) {
                replayer.stop();
            }
            session.stopJob();
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
                probe == null ? null : probe.meanBatch(),
                probe == null ? InferenceProbe.none() : probe.lastValues(),
                ResidentMemory.peakBytes(),
                phasePeak ? ResidentMemory.phasePeakBytes() : -1);
    }

    /** Waits for the phase to end; returns where the CPU went after the warm-up. */
    private Map<String, Object> awaitEnd(
            PipelinePhase phase,
            LocalSession session,
            OutcomeCollector collector,
            StreamReplayer replayer,
            Thread replayerThread,
            InferenceProbe probe)
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
                probe.pollMeanBatch();
                console.printf(
                        Locale.ROOT,
                        "  [%s %3.0fs] %d outcomes%s, mean batch %s%n",
                        phase.name(),
                        (now - start) / 1000.0,
                        outcomes,
                        replayer == null ? "" : " of " + replayer.sent() + " sent",
                        probe.meanBatch() == null
                                ? "-"
                                : String.format(Locale.ROOT, "%.1f", probe.meanBatch()));
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
            if (session.jobEnded()) {
                throw new IllegalStateException(
                        "the job of phase "
                                + phase.name()
                                + " ended: "
                                + session.job().getJobStatus().get());
            }
        }
    }

    private static Map<String, Object> cpuSince(ThreadCpu.Snapshot from) {
        if (from == null) {
            return Map.of();
        }
        return ThreadCpu.between(from, ThreadCpu.take(), ThreadCpu.javaThreadNames());
    }
}
