package io.nlpstream.drift.detectors;

/**
 * Decides when an AUC drop justifies a retrain request.
 *
 * <p>Fed the windowed AUC after every labelled event, it fires when the AUC has stayed below
 * baseline * (1 - dropFraction) for {@code requiredConsecutive} labelled events in a row. After a
 * fire it is disarmed until the AUC recovers to at least baseline * (1 - rearmFraction)
 * (hysteresis) or, when {@code retryAfter > 0}, until that many labelled events have passed (a
 * retrain that was rejected leaves the AUC low, and the request must be repeated), and it never
 * fires twice within {@code cooldown} labelled events. An undefined AUC (NaN) leaves the count as
 * it is. Getters and setters exist for Flink's POJO serializer.
 */
public class AucDropTrigger {

    private double dropFraction;
    private double rearmFraction;
    private long requiredConsecutive;
    private long cooldown;
    private long retryAfter;
    private boolean armed = true;
    private long consecutiveBelow;
    private long labelledSeen;
    private long lastFireAt = -1;
    private long fires;

    /** For the POJO serializer. */
    public AucDropTrigger() {
        this(0.05, 0.02, 100, 500);
    }

    /**
     * @param dropFraction relative drop below baseline that counts (0.05 = 5 %)
     * @param rearmFraction relative level the AUC must recover to before another fire, below
     *     dropFraction
     * @param requiredConsecutive labelled events in a row below the drop level needed to fire
     * @param cooldown labelled events after a fire during which it cannot fire again
     */
    public AucDropTrigger(
            double dropFraction, double rearmFraction, long requiredConsecutive, long cooldown) {
        this(dropFraction, rearmFraction, requiredConsecutive, cooldown, 0);
    }

    /**
     * @param retryAfter labelled events after a fire at which it re-arms even though the AUC has
     *     not recovered; 0 for never
     */
    public AucDropTrigger(
            double dropFraction,
            double rearmFraction,
            long requiredConsecutive,
            long cooldown,
            long retryAfter) {
        if (!(dropFraction > 0 && dropFraction < 1)) {
            throw new IllegalArgumentException(
                    "dropFraction must be in (0, 1), got " + dropFraction);
        }
        if (!(rearmFraction >= 0 && rearmFraction < dropFraction)) {
            throw new IllegalArgumentException(
                    "rearmFraction must be in [0, dropFraction), got " + rearmFraction);
        }
        if (requiredConsecutive < 1 || cooldown < 0 || retryAfter < 0) {
            throw new IllegalArgumentException(
                    "requiredConsecutive must be >= 1, cooldown and retryAfter >= 0");
        }
        this.retryAfter = retryAfter;
        this.dropFraction = dropFraction;
        this.rearmFraction = rearmFraction;
        this.requiredConsecutive = requiredConsecutive;
        this.cooldown = cooldown;
    }

    /**
     * Feeds the AUC of the window after one more labelled event.
     *
     * @return true when a retrain request must be issued now
     */
    public boolean update(double auc, double baseline) {
        labelledSeen++;
        if (Double.isNaN(auc) || Double.isNaN(baseline)) {
            return false;
        }
        if (!armed && auc >= baseline * (1.0 - rearmFraction)) {
            armed = true;
            consecutiveBelow = 0;
        }
        if (!armed && retryAfter > 0 && labelledSeen - lastFireAt >= retryAfter) {
            armed = true;
        }
        if (auc < baseline * (1.0 - dropFraction)) {
            consecutiveBelow++;
        } else {
            consecutiveBelow = 0;
        }
        boolean cooledDown = lastFireAt < 0 || labelledSeen - lastFireAt >= cooldown;
        if (armed && cooledDown && consecutiveBelow >= requiredConsecutive) {
            armed = false;
            consecutiveBelow = 0;
            lastFireAt = labelledSeen;
            fires++;
            return true;
        }
        return false;
    }

    public double getDropFraction() {
        return dropFraction;
    }

    public void setDropFraction(double dropFraction) {
        this.dropFraction = dropFraction;
    }

    public double getRearmFraction() {
        return rearmFraction;
    }

    public void setRearmFraction(double rearmFraction) {
        this.rearmFraction = rearmFraction;
    }

    public long getRequiredConsecutive() {
        return requiredConsecutive;
    }

    public void setRequiredConsecutive(long requiredConsecutive) {
        this.requiredConsecutive = requiredConsecutive;
    }

    public long getCooldown() {
        return cooldown;
    }

    public void setCooldown(long cooldown) {
        this.cooldown = cooldown;
    }

    public long getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(long retryAfter) {
        this.retryAfter = retryAfter;
    }

    public boolean isArmed() {
        return armed;
    }

    public void setArmed(boolean armed) {
        this.armed = armed;
    }

    public long getConsecutiveBelow() {
        return consecutiveBelow;
    }

    public void setConsecutiveBelow(long consecutiveBelow) {
        this.consecutiveBelow = consecutiveBelow;
    }

    public long getLabelledSeen() {
        return labelledSeen;
    }

    public void setLabelledSeen(long labelledSeen) {
        this.labelledSeen = labelledSeen;
    }

    public long getLastFireAt() {
        return lastFireAt;
    }

    public void setLastFireAt(long lastFireAt) {
        this.lastFireAt = lastFireAt;
    }

    /** How many times it fired. */
    public long getFires() {
        return fires;
    }

    public void setFires(long fires) {
        this.fires = fires;
    }
}
