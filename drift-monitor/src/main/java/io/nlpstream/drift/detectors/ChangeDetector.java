package io.nlpstream.drift.detectors;

/** A sequential change detector over a stream of values (here: 1 for an error, 0 for a hit). */
public interface ChangeDetector {

    /**
     * Feeds the next value.
     *
     * @return true when a change is detected at this value
     */
    boolean update(double value);

    /** How many changes were detected so far. */
    long getDetections();
}
