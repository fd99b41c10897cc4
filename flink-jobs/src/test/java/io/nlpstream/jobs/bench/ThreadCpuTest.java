package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void readsUserPlusSystemTicksEvenWhenTheNameHoldsSpacesAndParentheses() {
        String stat =
                "4242 (GC Thread#0 (x)) S 1 1 1 0 -1 4194368 10 0 0 0 250 17 0 0 20 0 1 0 100"
                        + " 1000 10 18446744073709551615";
        assertThat(ThreadCpu.ticks(stat)).isEqualTo(267);
    }

    @Test
    void groupsThreadsByWhatTheyDo() {
        assertThat(ThreadCpu.Group.of("micro-batch inference -> (confidence router) (1/2)#0"))
                .isEqualTo(ThreadCpu.Group.INFERENCE);
        assertThat(ThreadCpu.Group.of("rule engine -> sink: predictions: Writer (2/2)#0"))
                .isEqualTo(ThreadCpu.Group.FLINK_TASKS);
        assertThat(ThreadCpu.Group.of("OutputFlusher for live-monitor (1/2)#0"))
                .isEqualTo(ThreadCpu.Group.FLUSHERS);
        assertThat(ThreadCpu.Group.of("Source Data Fetcher for Source: kafka: texts (1/2)#0"))
                .isEqualTo(ThreadCpu.Group.KAFKA_SOURCE);
        assertThat(
                        ThreadCpu.Group.of(
                                "kafka-producer-network-thread | producer-bench-x-predictions-0-3"))
                .isEqualTo(ThreadCpu.Group.KAFKA_PRODUCERS);
        assertThat(ThreadCpu.Group.of("rule engine -> sink: predictions: Writer (*/2)"))
                .isEqualTo(ThreadCpu.Group.FLINK_TASKS);
        assertThat(ThreadCpu.Group.of("Source: kafka: \u2026"))
                .isEqualTo(ThreadCpu.Group.FLINK_TASKS);
        assertThat(ThreadCpu.Group.of("bench-replayer")).isEqualTo(ThreadCpu.Group.BENCH);
        assertThat(ThreadCpu.Group.of("data-plane-kafka-request-handler-1"))
                .isEqualTo(ThreadCpu.Group.BROKER);
        assertThat(ThreadCpu.Group.of("C2 CompilerThre")).isEqualTo(ThreadCpu.Group.JIT);
        assertThat(ThreadCpu.Group.of("G1 Conc#0")).isEqualTo(ThreadCpu.Group.GC);
        assertThat(ThreadCpu.Group.of("something else")).isEqualTo(ThreadCpu.Group.OTHER);
    }

    @Test
    void namesTheSubtasksOfATaskAsOneAndSharedPrefixesByWhatTheyShare() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        try {
            threads.add(waiting("nlpstream-test-A (1/2)#0", done));
            threads.add(waiting("nlpstream-test-A (2/2)#0", done));
            assertThat(ThreadCpu.javaThreadNames())
                    .containsEntry("nlpstream-test-", "nlpstream-test-A (*/2)");
            threads.add(waiting("nlp-test-sub (1/2)#0", done));
            threads.add(waiting("nlp-test-sub (2/2)#0", done));
            // The kernel's names differ in the subtask index; both stand for the task.
            assertThat(ThreadCpu.javaThreadNames())
                    .containsEntry("nlp-test-sub (1", "nlp-test-sub (*/2)")
                    .containsEntry("nlp-test-sub (2", "nlp-test-sub (*/2)");

            threads.add(waiting("nlpstream-test-B", done));
            assertThat(ThreadCpu.javaThreadNames())
                    .containsEntry("nlpstream-test-", "nlpstream-test-\u2026");
        } finally {
            done.countDown();
            for (Thread t : threads) {
                t.join(5_000);
            }
        }
    }

    private static Thread waiting(String name, CountDownLatch done) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                done.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void accountsTheTimeBetweenTwoSnapshotsInCores() {
        ThreadCpu.Snapshot start =
                new ThreadCpu.Snapshot(
                        Map.of(
                                1L, new ThreadCpu.ThreadTicks("micro-batch inf", 100),
                                2L, new ThreadCpu.ThreadTicks("C2 CompilerThre", 50)),
                        1_000,
                        10_000,
                        0);
        ThreadCpu.Snapshot end =
                new ThreadCpu.Snapshot(
                        Map.of(
                                1L, new ThreadCpu.ThreadTicks("micro-batch inf", 1_100),
                                2L, new ThreadCpu.ThreadTicks("C2 CompilerThre", 150),
                                3L, new ThreadCpu.ThreadTicks("G1 Conc#0", 200)),
                        2_000,
                        12_000,
                        10_000_000_000L);

        Map<String, Object> cpu =
                ThreadCpu.between(
                        start,
                        end,
                        Map.of("micro-batch inf", "micro-batch inference -> router (1/2)#0"));

        assertThat(cpu.get("process_cores")).isEqualTo(1.3);
        Map<?, ?> groups = (Map<?, ?>) cpu.get("groups_cores");
        assertThat(groups.get(ThreadCpu.Group.INFERENCE)).isEqualTo(1.0);
        assertThat(groups.get(ThreadCpu.Group.JIT)).isEqualTo(0.1);
        assertThat(groups.get(ThreadCpu.Group.GC)).isEqualTo(0.2);
        assertThat(((Map<?, ?>) cpu.get("busiest_threads_cores")).keySet().iterator().next())
                .isEqualTo("micro-batch inference -> router (1/2)#0");
        assertThat(ThreadCpu.describe(cpu)).startsWith("inference_task 1.00");
    }
}
