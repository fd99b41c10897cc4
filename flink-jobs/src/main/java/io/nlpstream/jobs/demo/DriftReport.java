package io.nlpstream.jobs.demo;

import io.nlpstream.drift.metrics.RocAuc;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.serving.datasets.LabelledText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/** Computes drift-report.json and the AUC chart from what the demo sent and read back. */
final class DriftReport {
    private final DriftScenario scenario;
    private final LabelledStreamProducer producer;
    private final DemoCollector collector;
    private final String baseVersion;

    DriftReport(
            DriftScenario scenario,
            LabelledStreamProducer producer,
            DemoCollector collector,
            String baseVersion) {
        this.scenario = scenario;
        this.producer = producer;
        this.collector = collector;
        this.baseVersion = baseVersion;
    }

    /**
     * @param jobRestarts restarts of the job during the run
     * @param oracleAuc AUC of a head trained with every post-shift label, on the same records
     */
    Map<String, Object> build(int jobRestarts, double oracleAuc) {
        List<LabelledText> stream = scenario.stream();
        int shift = scenario.shiftAt();
        long shiftTime = producer.sentAt[shift];
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("auc_baseline", round(realisedAuc(i -> i < shift, baseVersion)));
        r.put("auc_after_shift", round(realisedAuc(i -> i >= shift, baseVersion)));
        r.put("shift_at_event", shift);

        ModelUpdate trigger = first("RETRAIN_REQUESTED", shiftTime);
        r.put("trigger_at_event", trigger == null ? null : eventsScoredBy(trigger.getTime()));
        r.put(
                "trigger_delay_labelled",
                trigger == null ? null : shiftedLabelledBy(trigger.getTime()));
        ModelUpdate adapt = first("ADAPT_REQUESTED", shiftTime);
        r.put("adapt_requested_at_event", adapt == null ? null : eventsScoredBy(adapt.getTime()));
        r.put("adapt_reason", adapt == null ? null : adapt.getReason());
        ModelUpdate rejected = first("REJECT", shiftTime);
        r.put("rejection_reason", rejected == null ? null : rejected.getReason());
        ModelUpdate candidate = first("SHADOW_START", shiftTime);
        r.put("candidate_version", candidate == null ? null : candidate.getVersion());
        r.put("candidate_reason", candidate == null ? null : candidate.getReason());
        ModelUpdate promoted = first("PROMOTED", shiftTime);
        ModelUpdate verdict = first("PROMOTE", shiftTime);
        r.put("promotion_reason", verdict == null ? null : verdict.getReason());
        r.put("promoted_version", promoted == null ? null : promoted.getVersion());
        r.put("promoted_at_event", promoted == null ? null : eventsScoredBy(promoted.getTime()));
        double afterShift = realisedAuc(i -> i >= shift, baseVersion);
        double afterPromotion =
                promoted == null ? Double.NaN : realisedAuc(i -> i >= shift, promoted.getVersion());
        r.put("auc_after_promotion", round(afterPromotion));
        r.put("auc_oracle", round(oracleAuc));
        r.put("recovery", round(LoopFigures.recovery(afterPromotion, afterShift, oracleAuc)));
        r.put(
                "records_scored_by_promoted",
                promoted == null ? 0 : countScoredBy(promoted.getVersion()));
        r.put(
                "estimated_auc_error_before_shift",
                round(LoopFigures.estimatedAucError(liveMetrics(), baseVersion, 0, shiftTime)));
        // After the shift, where calibration no longer holds: the test of a label-free estimate.
        // The metrics that ended between the shift and the promotion, as the dashboard showed
        // them: with a label-free window of 1,000 predictions, none may lie wholly after the shift
        // when the promotion comes early.
        r.put(
                "estimated_auc_error_after_shift",
                round(
                        LoopFigures.estimatedAucErrorSeen(
                                liveMetrics(),
                                baseVersion,
                                shiftTime,
                                promoted == null ? Long.MAX_VALUE : promoted.getTime())));
        r.put("false_triggers_before_shift", countBefore("RETRAIN_REQUESTED", shiftTime));
        r.put("false_adapt_requests_before_shift", countBefore("ADAPT_REQUESTED", shiftTime));
        r.put(
                "corrupt_candidate",
                collector.control().stream()
                        .map(DemoCollector.Control::update)
                        .filter(
                                u ->
                                        u.getCommand().equals("LOAD_FAILED")
                                                && "corrupt".equals(u.getVersion()))
                        .map(ModelUpdate::getReason)
                        .findFirst()
                        .orElse(null));
        r.put(
                "rejected_candidates",
                collector.control().stream()
                        .filter(c -> c.update().getCommand().equals("REJECT"))
                        .count());
        r.put("records_in", stream.size());
        r.put("records_accounted", collector.accounted());
        r.put("duplicates", collector.duplicates());
        r.put("job_restarts", jobRestarts);
        return r;
    }

    /** AUC of one model version over the stream positions the predicate accepts. */
    private double realisedAuc(IntPredicate position, String version) {
        List<Map<String, Double>> scores = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        List<LabelledText> stream = scenario.stream();
        for (int i = 0; i < stream.size(); i++) {
            if (!position.test(i)) {
                continue;
            }
            DemoCollector.Decision d = collector.decisions().get(stream.get(i).id());
            if (d != null && d.modelVersion().equals(version)) {
                scores.add(d.scores());
                truth.add(stream.get(i).label());
            }
        }
        return scores.size() < 2 ? Double.NaN : RocAuc.oneVsRestMacro(scores, truth);
    }

    private long countScoredBy(String version) {
        return collector.decisions().values().stream()
                .filter(d -> d.modelVersion().equals(version))
                .count();
    }

    private List<DriftMetric> liveMetrics() {
        List<DriftMetric> live = new ArrayList<>();
        for (DriftMetric m : collector.metrics()) {
            if ("LIVE".equals(m.getRole())) {
                live.add(m);
            }
        }
        live.sort(Comparator.comparingLong(DriftMetric::getTime));
        return live;
    }

    private ModelUpdate first(String command, long notBefore) {
        return collector.control().stream()
                .map(DemoCollector.Control::update)
                .filter(u -> u.getCommand().equals(command) && u.getTime() >= notBefore)
                .min(Comparator.comparingLong(ModelUpdate::getTime))
                .orElse(null);
    }

    private long countBefore(String command, long time) {
        return collector.control().stream()
                .map(DemoCollector.Control::update)
                .filter(u -> u.getCommand().equals(command) && u.getTime() < time)
                .count();
    }

    /** How many records the job had decided by then: the stream position the job was at. */
    private int eventsScoredBy(long time) {
        int n = 0;
        for (DemoCollector.Decision d : collector.decisions().values()) {
            if (d.emitTime() <= time) {
                n++;
            }
        }
        return n;
    }

    /** Shifted records that were both decided and labelled by then: what the monitor could see. */
    private int shiftedLabelledBy(long time) {
        int n = 0;
        List<LabelledText> stream = scenario.stream();
        for (int i = scenario.shiftAt(); i < stream.size(); i++) {
            DemoCollector.Decision d = collector.decisions().get(stream.get(i).id());
            long labelled = producer.labelledAt[i];
            if (d != null && d.emitTime() <= time && labelled > 0 && labelled <= time) {
                n++;
            }
        }
        return n;
    }

    /** A text chart of the live AUC over time, one row per metric, with the loop's events. */
    String chart() {
        List<DriftMetric> live = liveMetrics();
        StringBuilder out =
                new StringBuilder(
                        "live AUC over the stream (each row: one drift metric; | = 0.80, bar end = AUC)\n");
        long shiftTime = producer.sentAt[scenario.shiftAt()];
        boolean shiftMarked = false;
        List<DemoCollector.Control> events = new ArrayList<>(collector.control());
        for (DriftMetric m : live) {
            if (!shiftMarked && m.getWindowEnd() >= shiftTime) {
                out.append(String.format(Locale.ROOT, "%40s%n", "---- domain shift ----"));
                shiftMarked = true;
            }
            for (var it = events.iterator(); it.hasNext(); ) {
                ModelUpdate u = it.next().update();
                if (u.getTime() <= m.getTime() && isMilestone(u.getCommand())) {
                    out.append(
                            String.format(
                                    Locale.ROOT,
                                    "%40s%n",
                                    "---- " + u.getCommand() + " " + u.getVersion() + " ----"));
                    it.remove();
                }
            }
            if (m.getAuc() == null) {
                continue;
            }
            double auc = m.getAuc();
            int width = (int) Math.round(Math.max(0, auc - 0.5) * 100);
            StringBuilder bar = new StringBuilder("#".repeat(width));
            if (bar.length() > 30) {
                bar.setCharAt(30, '|');
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "v%-3s labelled %6d  auc %.3f  est %s  %s%n",
                            m.getModelVersion(),
                            m.getLabelled(),
                            auc,
                            m.getEstimatedAuc() == null
                                    ? "  -  "
                                    : String.format(Locale.ROOT, "%.3f", m.getEstimatedAuc()),
                            bar));
        }
        return out.toString();
    }

    private static boolean isMilestone(String command) {
        return command.equals("RETRAIN_REQUESTED")
                || command.equals("ADAPT_REQUESTED")
                || command.equals("SHADOW_STARTED")
                || command.equals("PROMOTED")
                || command.equals("REJECT");
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10_000) / 10_000.0;
    }
}
