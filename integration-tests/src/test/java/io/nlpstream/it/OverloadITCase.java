package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.PipelineSettings;
import io.nlpstream.jobs.Sources;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.kafka.KafkaConnectors;
import io.nlpstream.schemas.Timings;
import io.nlpstream.serving.datasets.LabelledText;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault D: texts arrive at three times the rate the job can score for a while. The excess waits in
 * Kafka (back-pressure), the heap stays bounded, nothing is lost, and latency returns to its
 * baseline once the surge is over.
 *
 * <p>The model's cost is a stand-in ({@link FixedCostClassifierProvider}) so that the saturation
 * rate is known on any machine; parsing, batching, routing, rules, sinks and Kafka are real. The
 * surge lasts {@value #DEFAULT_SURGE_SECONDS} s; {@code -Dnlpstream.overload.seconds=60} runs the
 * full minute.
 */
class OverloadITCase {
    private static final int PARALLELISM = 2;
    private static final long MILLIS_PER_TEXT = 10;
    private static final int SATURATION_PER_SECOND = PARALLELISM * (int) (1000 / MILLIS_PER_TEXT);
    private static final int DEFAULT_SURGE_SECONDS = 10;
    private static final long CALM_SECONDS = 4;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    @Test
    void aSurgeAtThreeTimesSaturationIsAbsorbedByBackPressure(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        int surgeSeconds = Integer.getInteger("nlpstream.overload.seconds", DEFAULT_SURGE_SECONDS);
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "overload");
        topics.options.set(JobOptions.PARALLELISM, PARALLELISM);
        String input = topics.options.get(JobOptions.INPUT_TOPIC);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobConfiguration.configureEnvironment(env, topics.options);
        PipelineSettings real = PipelineSettings.fromOptions(topics.options);
        NlpStreamJob.defineWorkflow(
                Sources.fromKafka(env, topics.options),
                KafkaConnectors.sinks(topics.options),
                new PipelineSettings(
                        real.maxRecordBytes(),
                        real.decisionBufferTimeoutMs(),
                        real.batching(),
                        new FixedCostClassifierProvider(real.classifiers(), MILLIS_PER_TEXT),
                        real.thresholds(),
                        real.drift()));
        JobID job = env.executeAsync("overload").getJobID();
        new RunningJob(cluster, job).awaitAllTasksRunning(Duration.ofMinutes(1));

        List<LabelledText> pool = TestInputs.numbered(40);
        List<String> sent = new ArrayList<>();
        int calmRate = SATURATION_PER_SECOND / 10;
        int surgeRate = 3 * SATURATION_PER_SECOND;
        // The excess of the surge drains at the saturation rate less the calm traffic; latency
        // must be back to normal within half as long again, and the calm phase outlasts that.
        long drainMillis =
                1000L
                        * (surgeRate - SATURATION_PER_SECOND)
                        * surgeSeconds
                        / (SATURATION_PER_SECOND - calmRate);
        long recoveryBound = drainMillis * 3 / 2;
        Sampler sampler = new Sampler(topics);
        sampler.start();
        long surgeEnd;
        long calmAfterSurge = recoveryBound / 1000 + 5;
        try (KafkaProducer<byte[], byte[]> producer =
                        KafkaClients.producer(topics.bootstrapServers());
                OutputReader out = new OutputReader(topics.options)) {
            send(producer, input, pool, sent, calmRate, CALM_SECONDS);
            long surgeStart = System.currentTimeMillis();
            send(producer, input, pool, sent, surgeRate, surgeSeconds);
            surgeEnd = System.currentTimeMillis();
            int surgeRecords = surgeRate * surgeSeconds;
            send(producer, input, pool, sent, calmRate, calmAfterSurge);
            producer.flush();

            boolean all =
                    out.pollUntil(() -> out.accounted() >= sent.size(), Duration.ofMinutes(2));
            out.poll(Duration.ofSeconds(2));
            sampler.stop();
            cluster.cancelJob(job).get(1, TimeUnit.MINUTES);

            assertThat(all).isTrue();
            assertThat(out.accountedIds()).containsExactlyInAnyOrderElementsOf(sent);

            // Latency (emit - ingest) of the calm texts before the surge, and after it: the time
            // from the end of the surge until every later text is back within the baseline band.
            List<Timings> timings = new ArrayList<>();
            out.predictions.forEach(p -> timings.add(p.getTimings()));
            out.review.forEach(r -> timings.add(r.getTimings()));
            timings.sort(Comparator.comparingLong(Timings::getIngestTime));
            List<Long> before = new ArrayList<>();
            for (Timings t : timings) {
                if (t.getIngestTime() < surgeStart) {
                    before.add(t.getEmitTime() - t.getIngestTime());
                }
            }
            before.sort(Long::compare);
            long baseline = before.get(before.size() / 2);
            long band = Math.max(3 * baseline, baseline + 500);
            long recoveredAt = surgeEnd;
            for (Timings t : timings) {
                if (t.getIngestTime() >= surgeEnd && t.getEmitTime() - t.getIngestTime() > band) {
                    recoveredAt = t.getIngestTime();
                }
            }
            long recoveryMillis = recoveredAt - surgeEnd;
            long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
            System.out.printf(
                    "overload: %d texts/s for %d s (saturation %d/s), %d texts in all; peak heap"
                            + " %d MiB of %d MiB; peak input lag %d; baseline latency %d ms;"
                            + " recovery %d ms after the surge%n",
                    surgeRate,
                    surgeSeconds,
                    SATURATION_PER_SECOND,
                    sent.size(),
                    sampler.peakHeap.get() >> 20,
                    maxHeap >> 20,
                    sampler.peakLag.get(),
                    baseline,
                    recoveryMillis);

            assertThat(sampler.peakHeap.get()).isLessThan(maxHeap * 9 / 10);
            // Back-pressure: most of the excess waited in Kafka, not in the job's memory.
            assertThat(sampler.peakLag.get()).isGreaterThan(surgeRecords / 3);
            assertThat(recoveryMillis).isLessThan(recoveryBound);
        } finally {
            sampler.stop();
        }
    }

    /** Sends texts of the pool with fresh ids at a steady rate for the given time. */
    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            List<LabelledText> pool,
            List<String> sent,
            int perSecond,
            long seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long total = perSecond * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            LabelledText t = pool.get(sent.size() % pool.size());
            String id = "surge-" + sent.size();
            producer.send(
                    new ProducerRecord<>(
                            topic,
                            TestInputs.json(
                                    new LabelledText(
                                            id, t.source(), t.text(), t.label(), t.time()))));
            sent.add(id);
        }
    }

    /** Samples the used heap and the input topic's lag behind the job's committed offsets. */
    private static final class Sampler {
        final AtomicLong peakHeap = new AtomicLong();
        final AtomicLong peakLag = new AtomicLong();
        private final KafkaTestTopics topics;
        private volatile boolean running = true;
        private Thread thread;

        Sampler(KafkaTestTopics topics) {
            this.topics = topics;
        }

        void start() {
            thread = new Thread(this::run, "overload-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(10_000);
            }
        }

        private void run() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            String topic = topics.options.get(JobOptions.INPUT_TOPIC);
            String group = topics.options.get(JobOptions.GROUP_ID) + "-" + topic;
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            try (Admin admin = BROKER.kafka().admin()) {
                while (running) {
                    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    long lag = 0;
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(group)
                                    .partitionsToOffsetAndMetadata()
                                    .get(10, TimeUnit.SECONDS);
                    for (var e :
                            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                        OffsetAndMetadata c = committed.get(e.getKey());
                        lag += e.getValue().offset() - (c == null ? 0 : c.offset());
                    }
                    peakLag.accumulateAndGet(lag, Math::max);
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                if (running) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
