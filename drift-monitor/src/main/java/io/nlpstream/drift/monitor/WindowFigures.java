package io.nlpstream.drift.monitor;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.metrics.Accuracy;
import io.nlpstream.drift.metrics.Divergence;
import io.nlpstream.drift.metrics.EqualWidthBins;
import io.nlpstream.drift.metrics.ExpectedAuc;
import io.nlpstream.drift.metrics.ExpectedCalibrationError;
import io.nlpstream.drift.metrics.RocAuc;
import io.nlpstream.schemas.DriftMetric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes a model version's figures from its windows into a {@link DriftMetric}. */
final class WindowFigures {

    private final DriftMonitorConfig config;
    private final EqualWidthBins bins;
    private final ExpectedCalibrationError ece;

    WindowFigures(DriftMonitorConfig config) {
        this.config = config;
        this.bins = new EqualWidthBins(config.histogramBins());
        this.ece = new ExpectedCalibrationError(config.eceBins());
    }

    /** Exact AUC of the labelled window, NaN while it holds fewer than the minimum records. */
    double labelledAuc(List<LabelledScore> labelled) {
        if (labelled.size() < config.minLabelledForAuc()) {
            return Double.NaN;
        }
        List<Map<String, Double>> scores = new ArrayList<>(labelled.size());
        List<String> truth = new ArrayList<>(labelled.size());
        for (LabelledScore s : labelled) {
            scores.add(s.scores);
            truth.add(s.trueLabel);
        }
        return RocAuc.oneVsRestMacro(scores, truth);
    }

    /** Adds a prediction to the reference while it is still filling. */
    void addToReference(ReferenceProfile reference, PredictionPoint p) {
        if (reference.size >= config.referenceSize()) {
            return;
        }
        reference.confidenceCounts[bins.binOf(p.confidence)]++;
        reference.labelCounts.merge(p.label, 1L, Long::sum);
        reference.size++;
    }

    DriftMetric metric(MonitorState s, String modelId, String modelVersion, long now) {
        List<PredictionPoint> predictions = s.predictions;
        int n = predictions.size();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int reviewed = 0;
        double[] confidences = new double[n];
        Map<String, Long> labelMix = new HashMap<>();
        List<Map<String, Double>> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PredictionPoint p = predictions.get(i);
            start = Math.min(start, p.eventTime);
            end = Math.max(end, p.eventTime);
            reviewed += p.reviewed ? 1 : 0;
            confidences[i] = p.confidence;
            labelMix.merge(p.label, 1L, Long::sum);
            scores.add(p.scores);
        }
        DriftMetric.Builder m =
                DriftMetric.newBuilder()
                        .setModelId(modelId)
                        .setModelVersion(modelVersion)
                        .setRole(config.role())
                        .setWindowStart(n == 0 ? 0L : start)
                        .setWindowEnd(n == 0 ? 0L : end)
                        .setPredictions(n)
                        .setLabelled(s.labelled.size())
                        .setBaselineAuc(s.baselineAuc)
                        .setErrorChangeDetected(s.changeSinceEmit)
                        .setTime(now);
        if (n > 0) {
            m.setReviewRate((double) reviewed / n);
            m.setEstimatedAuc(orNull(ExpectedAuc.oneVsRestMacro(scores)));
            if (s.reference.size >= config.referenceSize()) {
                double[] current = bins.counts(confidences);
                double[] reference = s.reference.confidenceCountsAsDoubles();
                double[][] mix = Divergence.alignedCounts(s.reference.labelCounts, labelMix);
                m.setPsiConfidence(Divergence.psi(reference, current, config.epsilon()));
                m.setJsConfidence(
                        Divergence.jensenShannonDistance(reference, current, config.epsilon()));
                m.setPsiLabels(Divergence.psi(mix[0], mix[1], config.epsilon()));
                m.setJsLabels(Divergence.jensenShannonDistance(mix[0], mix[1], config.epsilon()));
            }
        }
        int l = s.labelled.size();
        if (l > 0) {
            double[] labelledConfidence = new double[l];
            boolean[] correct = new boolean[l];
            for (int i = 0; i < l; i++) {
                LabelledScore ls = s.labelled.get(i);
                labelledConfidence[i] = ls.confidence;
                correct[i] = ls.isCorrect();
            }
            m.setAccuracy(orNull(Accuracy.of(correct)));
            m.setEce(orNull(ece.compute(labelledConfidence, correct)));
            m.setAuc(orNull(labelledAuc(s.labelled)));
        }
        return m.build();
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
