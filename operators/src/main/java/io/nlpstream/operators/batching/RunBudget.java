package io.nlpstream.operators.batching;

/**
 * How long one model run may take, adjusted by additive increase and multiplicative decrease on the
 * observed p99: while the p99 stays well inside the target the budget grows a little with every
 * batch (larger batches, more throughput); when it exceeds the target the budget shrinks by 30%, at
 * most twice a second, so that newly arrived texts wait less for the run ahead of them. But when
 * more texts wait than the last batch took, the p99 is missed because of the queue, not because of
 * long runs: then the budget grows, since only more throughput shortens a queue.
 *
 * <p>A text waits for the run ahead of it, then for its own, and texts queue behind both, so the
 * budget starts at an eighth of the target and never exceeds a quarter. It never falls below a
 * twentieth: shorter runs would cost more in per-run overhead than they save in waiting.
 */
final class RunBudget {
    private static final double GROW_BELOW = 0.8;
    private static final double SHRINK_FACTOR = 0.7;
    private static final long SHRINK_INTERVAL_MILLIS = 500;

    private final long targetMillis;
    private final double minMillis;
    private final double maxMillis;
    private double millis;
    private long lastShrink = Long.MIN_VALUE / 2;

    RunBudget(long targetMillis) {
        this.targetMillis = targetMillis;
        this.minMillis = Math.max(1.0, targetMillis / 20.0);
        this.maxMillis = Math.max(minMillis, targetMillis / 4.0);
        this.millis = Math.max(minMillis, targetMillis / 8.0);
    }

    double millis() {
        return millis;
    }

    /** The smallest the budget gets: a twentieth of the target, at least a millisecond. */
    double minMillis() {
        return minMillis;
    }

    /**
     * Adjusts the budget after a batch, given the p99 of the texts scored last and whether more
     * texts wait now than the batch took.
     */
    void update(double observedP99Millis, boolean backlogged, long nowMillis) {
        if (Double.isNaN(observedP99Millis)) {
            return;
        }
        if (backlogged) {
            millis = Math.min(maxMillis, millis + targetMillis / 100.0);
        } else if (observedP99Millis > targetMillis) {
            if (nowMillis - lastShrink >= SHRINK_INTERVAL_MILLIS) {
                millis = Math.max(minMillis, millis * SHRINK_FACTOR);
                lastShrink = nowMillis;
            }
        } else if (observedP99Millis < GROW_BELOW * targetMillis) {
            millis = Math.min(maxMillis, millis + targetMillis / 100.0);
        }
    }
}
