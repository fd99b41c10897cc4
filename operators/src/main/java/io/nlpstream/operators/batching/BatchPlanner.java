package io.nlpstream.operators.batching;

import io.nlpstream.serving.RunShape;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Chooses how many of the waiting texts, oldest first, the next model run takes.
 *
 * <p>With a latency target: the largest batch whose predicted run time fits the run budget, which
 * {@link RunBudget} adapts to the observed p99. A text that is late already does not shrink its
 * batch: when texts are late the queue is long, and small batches would only lower the throughput
 * that shortens it. Once the queue is full the machine is overloaded and the batch is as large as
 * the caps allow. Without a target: as many as the caps allow. Every batch keeps to the text and
 * padded-token caps, but takes at least one text.
 */
final class BatchPlanner {
    /**
     * @param size texts to take
     * @param shape the batch's model runs and tokens
     * @param predictedRunMillis predicted run time
     * @param oldestWaitMillis how long the oldest text has waited already
     */
    record Plan(int size, RunShape shape, double predictedRunMillis, long oldestWaitMillis) {
        double predictedLatencyMillis() {
            return oldestWaitMillis + predictedRunMillis;
        }
    }

    private final BatchingConfig config;
    private final RunCostModel costs;
    private final RunBudget budget;

    BatchPlanner(BatchingConfig config, RunCostModel costs, RunBudget budget) {
        this.config = config;
        this.costs = costs;
        this.budget = budget;
    }

    /**
     * @param waiting texts in arrival order, never empty
     * @param shapes how the serving model would run windows of given lengths
     */
    Plan plan(List<PendingText> waiting, Function<int[], RunShape> shapes, long nowMillis) {
        long oldestWait = Math.max(0, nowMillis - waiting.get(0).startMillis());
        double allowed = Double.POSITIVE_INFINITY;
        boolean overloaded = waiting.size() >= config.queueCapacity();
        if (config.hasLatencyTarget() && !overloaded) {
            allowed = budget.millis();
        }
        int limit = Math.min(waiting.size(), config.maxBatchSize());
        int[] lengths = new int[0];
        RunShape chosen = RunShape.EMPTY;
        int size = 0;
        while (size < limit) {
            int[] next = concat(lengths, waiting.get(size).windowLengths());
            RunShape shape = shapes.apply(next);
            boolean fits =
                    shape.paddedTokens() <= config.maxTokens()
                            && costs.predictMillis(shape) <= allowed;
            if (size > 0 && !fits) {
                break;
            }
            lengths = next;
            chosen = shape;
            size++;
        }
        return new Plan(size, chosen, costs.predictMillis(chosen), oldestWait);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
