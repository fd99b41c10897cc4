package io.nlpstream.operators.spikes;

/** How far a spike is from its baseline, by score. */
public enum Severity {
    WARNING,
    CRITICAL
}
