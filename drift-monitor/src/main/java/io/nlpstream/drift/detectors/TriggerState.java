package io.nlpstream.drift.detectors;

/**
 * Where the AUC-drop retrain trigger of one model version stands, with the number its {@code
 * triggerState} gauge reports.
 */
public enum TriggerState {
    /** 0: no baseline AUC yet (fixed or learned), so the trigger cannot fire. */
    LEARNING_BASELINE(0),
    /** 1: armed, and the window AUC is at or above the drop level. */
    ARMED(1),
    /** 2: armed, and the AUC has been below the drop level for fewer events than needed. */
    DROPPING(2),
    /** 3: fired a retrain request; disarmed until the AUC recovers or retry-after passes. */
    FIRED(3);

    private final int code;

    TriggerState(int code) {
        this.code = code;
    }

    /** The gauge value. */
    public int code() {
        return code;
    }

    /** The state of {@code trigger}, whose baseline is known or not. */
    public static TriggerState of(AucDropTrigger trigger, boolean baselineKnown) {
        if (!baselineKnown) {
            return LEARNING_BASELINE;
        }
        if (!trigger.isArmed()) {
            return FIRED;
        }
        return trigger.getConsecutiveBelow() > 0 ? DROPPING : ARMED;
    }
}
