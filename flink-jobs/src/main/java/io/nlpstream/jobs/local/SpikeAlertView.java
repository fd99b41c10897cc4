package io.nlpstream.jobs.local;

import io.nlpstream.schemas.SpikeAlert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A spike alert as the run's summary shows it: times in ISO-8601, figures rounded. */
public final class SpikeAlertView {
    private static final int EXAMPLE_CHARS = 100;

    private SpikeAlertView() {}

    public static Map<String, Object> of(SpikeAlert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", a.getType());
        m.put("key", a.getKey());
        m.put("series", a.getSeries());
        m.put(
                "window",
                Instant.ofEpochMilli(a.getWindowStart())
                        + "/"
                        + Instant.ofEpochMilli(a.getWindowEnd()));
        m.put("observed", round(a.getObserved()));
        m.put("expected", round(a.getExpected()));
        m.put("score", round(a.getScore()));
        m.put("severity", a.getSeverity());
        m.put("fired_at", Instant.ofEpochMilli(a.getFiredAt()).toString());
        m.put(
                "examples",
                a.getExamples().stream()
                        .map(
                                t ->
                                        t.length() <= EXAMPLE_CHARS
                                                ? t
                                                : t.substring(0, EXAMPLE_CHARS) + "...")
                        .toList());
        return m;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
