package io.nlpstream.jobs.bench;

import io.nlpstream.serving.TextClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Model serving alone (no Flink, no Kafka): texts per second of one shared classifier called in
 * batches by as many threads as the pipeline has inference subtasks.
 */
public final class RawThroughput {

    /** One measurement. */
    public record Result(
            int batch,
            int threads,
            int callers,
            long texts,
            double seconds,
            double textsPerSecond) {

        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("texts_per_s", Report.round(textsPerSecond, 1));
            out.put("batch", batch);
            out.put("intra_op_threads", threads);
            out.put("callers", callers);
            out.put("texts", texts);
            out.put("seconds", Report.round(seconds, 2));
            return out;
        }
    }

    private final TextClassifier classifier;
    private final List<String> texts;

    public RawThroughput(TextClassifier classifier, List<String> texts) {
        this.classifier = classifier;
        this.texts = texts;
    }

    /**
     * Runs {@code warmup} unmeasured, then {@code measure}, and returns what the second part did.
     * Each part scores the texts from the first on, cycled, in calls of {@code batch} texts that
     * start at multiples of {@code batch}; the calls begun in the measured time are all counted, so
     * it scored exactly the first {@link Result#texts()} texts of the cycle.
     */
    public Result measure(int batch, int threads, int callers, Duration warmup, Duration measure)
            throws InterruptedException {
        drive(batch, callers, warmup);
        long start = System.nanoTime();
        long done = drive(batch, callers, measure);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(batch, threads, callers, done, seconds, done / seconds);
    }

    private long drive(int batch, int callers, Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong cursor = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                parts.add(
                        pool.submit(
                                () -> {
                                    long scored = 0;
                                    while (System.nanoTime() < deadline) {
                                        long from = cursor.getAndAdd(batch);
                                        scored +=
                                                classifier
                                                        .classify(
                                                                BenchData.cycle(texts, from, batch))
                                                        .size();
                                    }
                                    return scored;
                                }));
            }
            long total = 0;
            for (Future<Long> part : parts) {
                total += part.get();
            }
            return total;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the model failed during the raw measurement", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
