package io.nlpstream.operators.alerts;

import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.ScoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Builds the {@link Alert} a rule raises for one record, with a deterministic id. */
public final class AlertFactory {

    private AlertFactory() {}

    /**
     * The alert rule {@code ruleId} raises for {@code scored}. The id is derived from the record id
     * and the rule id, so a replay after a restore raises the same alert id and consumers can drop
     * duplicates.
     *
     * @param label the record's label after rules (a rule may have overridden the model's label)
     * @param detail what the rule is about, for people (its description or its expression)
     */
    public static Alert forRule(
            String ruleId,
            AlertSeverity severity,
            String detail,
            ScoredEvent scored,
            String label,
            long time) {
        Objects.requireNonNull(ruleId, "ruleId must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(scored, "scored must not be null");
        String recordId = scored.getEvent().getId();
        return Alert.newBuilder()
                .setId(alertId(recordId, ruleId))
                .setRecordId(recordId)
                .setRuleId(ruleId)
                .setSeverity(severity.name())
                .setMessage(message(ruleId, recordId, detail))
                .setSource(scored.getEvent().getSource())
                .setLabel(label)
                .setTime(time)
                .build();
    }

    /** A name-based UUID of the record id and the rule id. */
    public static String alertId(String recordId, String ruleId) {
        String key = recordId + '\u0000' + ruleId;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String message(String ruleId, String recordId, String detail) {
        String base = "rule " + ruleId + " matched record " + recordId;
        return detail == null || detail.isBlank() ? base : base + ": " + detail;
    }
}
