package io.nlpstream.drift.monitor;

import io.nlpstream.drift.detectors.Adwin;
import io.nlpstream.drift.detectors.AucDropTrigger;
import io.nlpstream.drift.detectors.LabelFreeTrigger;
import io.nlpstream.drift.detectors.PageHinkley;
import io.nlpstream.drift.feedback.LabelledScore;
import java.util.ArrayList;
import java.util.List;

/** Everything the drift monitor keeps for one model version (a Flink POJO in keyed state). */
public class MonitorState {

    /** Sliding window of predictions, oldest first. */
    public List<PredictionPoint> predictions = new ArrayList<>();

    /** Largest event time seen among predictions. */
    public long newestPredictionTime = Long.MIN_VALUE;

    /** Sliding window of labelled predictions (without their texts), oldest first. */
    public List<LabelledScore> labelled = new ArrayList<>();

    /** Largest event time seen among labelled predictions. */
    public long newestLabelledTime = Long.MIN_VALUE;

    public ReferenceProfile reference = new ReferenceProfile();

    public Adwin adwin = new Adwin();

    public PageHinkley pageHinkley = new PageHinkley();

    public AucDropTrigger trigger = new AucDropTrigger();

    /** The label-free adaptation trigger (used only when adaptation is on). */
    public LabelFreeTrigger labelFree = new LabelFreeTrigger();

    /** The AUC the trigger compares against; null until configured or learned. */
    public Double baselineAuc;

    /** Window AUC at the last recomputation, NaN when undefined. */
    public double lastAuc = Double.NaN;

    /** Labelled predictions seen in total. */
    public long labelledTotal;

    /** Predictions seen since the last emitted metric. */
    public long predictionsSinceEmit;

    /** True when a detector on the error stream fired since the last emitted metric. */
    public boolean changeSinceEmit;

    /** Processing time of the last record, epoch milliseconds. */
    public long lastActivity;

    /** Processing time of the pending clean-up timer; 0 when none is registered. */
    public long cleanupAt;

    public MonitorState() {}
}
