package io.nlpstream.operators.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.operators.rules.RuleFixtures;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.ScoredEvent;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {
    private final ScoredEvent scored = RuleFixtures.scored("e1", "text", "negative", 0.99);

    @Test
    void buildsTheAlertOfARule() {
        Alert alert =
                AlertFactory.forRule(
                        "fraud", AlertSeverity.CRITICAL, "large transfer", scored, "fraud", 42L);

        assertThat(alert.getRecordId()).isEqualTo("e1");
        assertThat(alert.getRuleId()).isEqualTo("fraud");
        assertThat(alert.getSeverity()).isEqualTo("CRITICAL");
        assertThat(alert.getMessage()).isEqualTo("rule fraud matched record e1: large transfer");
        assertThat(alert.getSource()).isEqualTo("web");
        assertThat(alert.getLabel()).isEqualTo("fraud");
        assertThat(alert.getTime()).isEqualTo(42L);
    }

    @Test
    void idsAreDeterministicPerRecordAndRule() {
        String id = AlertFactory.alertId("e1", "fraud");
        assertThat(id).isEqualTo(AlertFactory.alertId("e1", "fraud")).hasSize(36);
        assertThat(id).isNotEqualTo(AlertFactory.alertId("e1", "other"));
        assertThat(AlertFactory.alertId("e1x", "y")).isNotEqualTo(AlertFactory.alertId("e1", "xy"));
        assertThat(AlertFactory.forRule("fraud", AlertSeverity.INFO, null, scored, "n", 1L).getId())
                .isEqualTo(id);
    }

    @Test
    void messageOmitsAMissingDetail() {
        assertThat(AlertFactory.forRule("r", AlertSeverity.INFO, " ", scored, "n", 1L).getMessage())
                .isEqualTo("rule r matched record e1");
    }

    @Test
    void validatesArguments() {
        assertThatThrownBy(() -> AlertFactory.forRule(null, AlertSeverity.INFO, "", scored, "n", 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("ruleId must not be null");
        assertThatThrownBy(() -> AlertFactory.forRule("r", null, "", scored, "n", 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("severity must not be null");
    }

    @Test
    void parsesSeveritiesCaseInsensitive() {
        assertThat(AlertSeverity.parse(" critical ")).contains(AlertSeverity.CRITICAL);
        assertThat(AlertSeverity.parse("LOUD")).isEmpty();
        assertThat(AlertSeverity.parse(null)).isEmpty();
    }
}
