package io.nlpstream.operators.rules;

import static io.nlpstream.operators.rules.RuleFixtures.deleted;
import static io.nlpstream.operators.rules.RuleFixtures.disabled;
import static io.nlpstream.operators.rules.RuleFixtures.lowConfidence;
import static io.nlpstream.operators.rules.RuleFixtures.rule;
import static io.nlpstream.operators.rules.RuleFixtures.scored;
import static io.nlpstream.operators.rules.RuleFixtures.withPriority;
import static io.nlpstream.operators.rules.RuleFixtures.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.alerts.AlertFactory;
import io.nlpstream.operators.routing.RoutingTable;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.Rule;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.schemas.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// The harnesses are AutoCloseable with a close() that declares Exception.
@SuppressWarnings("try")
class RuleEngineFunctionTest {
    private static final long NOW = 50_000L;

    private BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> harness;
    private int inputs;

    @BeforeEach
    void openHarness() throws Exception {
        harness = open(new RuleEngineFunction(RoutingTable.parse("positive=kudos")));
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> open(
            RuleEngineFunction function) throws Exception {
        BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> opened =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        function, RuleEngineFunction.RULES);
        opened.setProcessingTime(NOW);
        return opened;
    }

    private void publish(Rule rule) throws Exception {
        harness.processBroadcastElement(rule, 1L);
    }

    private void send(ScoredEvent scored) throws Exception {
        inputs++;
        harness.processElement(scored, 1L);
    }

    private static <T> List<T> side(
            BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> h, OutputTag<T> tag) {
        List<T> values = new ArrayList<>();
        ConcurrentLinkedQueue<StreamRecord<T>> records = h.getSideOutput(tag);
        if (records != null) {
            records.forEach(record -> values.add(record.getValue()));
        }
        return values;
    }

    private List<Prediction> predictions() {
        return harness.extractOutputValues();
    }

    private List<ReviewTask> reviews() {
        return side(harness, OutputTags.REVIEW);
    }

    private List<DeadLetter> deadLetters() {
        return side(harness, OutputTags.DEAD_LETTERS);
    }

    private List<DeadLetter> deadLetters(String stage) {
        return deadLetters().stream().filter(d -> d.getStage().equals(stage)).toList();
    }

    private List<Alert> alerts() {
        return side(harness, OutputTags.ALERTS);
    }

    /** The ids that left as prediction, review or dead letter, each record exactly once. */
    private void assertEveryInputAccountedForOnce() {
        List<String> ids = new ArrayList<>();
        predictions().forEach(p -> ids.add(p.getId()));
        reviews().forEach(r -> ids.add(r.getId()));
        deadLetters(DecisionRecords.STAGE_RULES).forEach(d -> ids.add(d.getId()));
        assertThat(ids).hasSize(inputs).doesNotHaveDuplicates();
    }

    private Map<String, Rule> heldRules() throws Exception {
        Map<String, Rule> held = new HashMap<>();
        harness.getBroadcastState(RuleEngineFunction.RULES)
                .immutableEntries()
                .forEach(e -> held.put(e.getKey(), e.getValue()));
        return held;
    }

    @Test
    void withoutRulesAConfidentRecordIsAPredictionWithTimings() throws Exception {
        send(scored("e1", "great service", "neutral", 0.97));

        assertThat(predictions()).hasSize(1);
        Prediction prediction = predictions().get(0);
        assertThat(prediction.getId()).isEqualTo("e1");
        assertThat(prediction.getSource()).isEqualTo("web");
        assertThat(prediction.getLabel()).isEqualTo("neutral");
        assertThat(prediction.getModelLabel()).isEqualTo("neutral");
        assertThat(prediction.getConfidence()).isEqualTo(0.97);
        assertThat(prediction.getScores()).containsEntry("neutral", 0.97);
        assertThat(prediction.getModelId()).isEqualTo("sentiment");
        assertThat(prediction.getModelVersion()).isEqualTo("1");
        assertThat(prediction.getQueue()).isNull();
        assertThat(prediction.getRulesFired()).isEmpty();
        assertThat(prediction.getTimings())
                .isEqualTo(
                        new Timings(
                                RuleFixtures.EVENT_TIME,
                                RuleFixtures.INGEST_TIME,
                                RuleFixtures.INFERENCE_START,
                                RuleFixtures.INFERENCE_END,
                                NOW));
        assertThat(reviews()).isEmpty();
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void routingTableGivesTheQueueWhenNoRuleChoseOne() throws Exception {
        send(scored("e1", "thanks a lot", "positive", 0.99));
        publish(rule("route", "KEYWORD", "vip", "ROUTE", "priority"));
        send(scored("e2", "vip thanks", "positive", 0.99));

        assertThat(predictions())
                .extracting(Prediction::getQueue)
                .containsExactly("kudos", "priority");
    }

    @Test
    void startingRulesDecideFromTheFirstRecordAndJoinTheStateWithTheFirstUpdate() throws Exception {
        harness.close();
        Rule vip = rule("vip", "KEYWORD", "vip", "ROUTE", "priority");
        byte[] unreadable = "{not a rule".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        harness =
                open(
                        new RuleEngineFunction(
                                RoutingTable.parse("positive=kudos"),
                                List.of(encoded(vip), unreadable)));

        // before any rule came from the topic
        send(scored("e1", "vip thanks", "positive", 0.99));
        publish(rule("billing", "KEYWORD", "refund", "ROUTE", "billing"));
        send(scored("e2", "vip thanks", "positive", 0.99));
        send(scored("e3", "a refund", "positive", 0.99));
        publish(deleted(vip, 2L));
        send(scored("e4", "vip thanks", "positive", 0.99));

        assertThat(predictions())
                .extracting(Prediction::getQueue)
                .containsExactly("priority", "priority", "billing", "kudos");
        assertThat(heldRules()).containsOnlyKeys("billing");
    }

    /** A rule as the rules topic carries it (Avro single-object encoding). */
    private static byte[] encoded(Rule rule) throws java.io.IOException {
        java.nio.ByteBuffer buffer = rule.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Test
    void lowConfidenceFromTheRouterBecomesAReviewTask() throws Exception {
        send(lowConfidence(scored("e1", "meh", "negative", 0.6), 0.9));

        assertThat(predictions()).isEmpty();
        assertThat(reviews()).hasSize(1);
        ReviewTask task = reviews().get(0);
        assertThat(task.getReason()).isEqualTo("LOW_CONFIDENCE");
        assertThat(task.getText()).isEqualTo("meh");
        assertThat(task.getSuggestedLabel()).isEqualTo("negative");
        assertThat(task.getConfidence()).isEqualTo(0.6);
        assertThat(task.getThreshold()).isEqualTo(0.9);
        assertThat(task.getScores()).containsEntry("negative", 0.6);
        assertThat(task.getQueue()).isNull();
        assertThat(task.getTimings().getEmitTime()).isEqualTo(NOW);
        assertThat(task.getTimings().getIngestTime()).isEqualTo(RuleFixtures.INGEST_TIME);
    }

    @Test
    void addUpdateDisableAndDeleteTakeEffectAtRunTime() throws Exception {
        Rule v1 = rule("relabel", "KEYWORD", "refund", "OVERRIDE_LABEL", "billing");
        send(scored("e1", "refund please", "negative", 0.99));

        publish(v1);
        send(scored("e2", "refund please", "negative", 0.99));

        Rule v2 =
                withVersion(rule("relabel", "KEYWORD", "chargeback", "OVERRIDE_LABEL", "fraud"), 2);
        publish(v2);
        send(scored("e3", "refund please", "negative", 0.99));
        send(scored("e4", "a chargeback", "negative", 0.99));

        publish(disabled(v2, 3));
        send(scored("e5", "a chargeback", "negative", 0.99));
        assertThat(heldRules()).containsOnlyKeys("relabel");
        assertThat(heldRules().get("relabel").getEnabled()).isFalse();

        publish(withVersion(v2, 4));
        send(scored("e6", "a chargeback", "negative", 0.99));

        publish(deleted(v2, 5));
        send(scored("e7", "a chargeback", "negative", 0.99));

        assertThat(predictions())
                .extracting(Prediction::getId, Prediction::getLabel)
                .containsExactly(
                        tuple("e1", "negative"),
                        tuple("e2", "billing"),
                        tuple("e3", "negative"),
                        tuple("e4", "fraud"),
                        tuple("e5", "negative"),
                        tuple("e6", "fraud"),
                        tuple("e7", "negative"));
        assertThat(predictions().get(1).getRulesFired()).containsExactly("relabel");
        assertThat(predictions().get(1).getModelLabel()).isEqualTo("negative");
        assertThat(predictions().get(4).getRulesFired()).isEmpty();
        assertThat(heldRules()).isEmpty();
        assertThat(deadLetters()).isEmpty();
        assertEveryInputAccountedForOnce();
    }

    @Test
    void anOlderVersionIsIgnored() throws Exception {
        publish(withVersion(rule("r", "KEYWORD", "refund", "ROUTE", "new"), 5));
        publish(withVersion(rule("r", "KEYWORD", "refund", "ROUTE", "old"), 4));
        publish(deleted(rule("r", "KEYWORD", "refund", "ROUTE", "old"), 3));
        send(scored("e1", "refund", "negative", 0.99));

        assertThat(predictions().get(0).getQueue()).isEqualTo("new");
        assertThat(heldRules().get("r").getVersion()).isEqualTo(5L);
    }

    @Test
    void anInvalidRuleIsDeadLetteredAndThePreviousVersionStaysActive() throws Exception {
        publish(rule("r", "REGEX", "refund\\s+now", "FORCE_REVIEW", null));
        Rule broken = withVersion(rule("r", "REGEX", "refund(", "FORCE_REVIEW", null), 2);
        publish(broken);
        publish(rule("bad-kind", "SENTIMENT", "x", "DROP", "y"));
        send(scored("e1", "refund  now!", "positive", 0.99));

        List<DeadLetter> rejected = deadLetters(DecisionRecords.STAGE_RULE_UPDATE);
        assertThat(rejected).hasSize(2);
        DeadLetter first = rejected.get(0);
        assertThat(first.getId()).isEqualTo("r");
        assertThat(first.getReason())
                .isEqualTo("rule r: invalid regex 'refund(': missing closing )");
        assertThat(first.getErrorClass()).isEqualTo(InvalidRuleException.class.getName());
        assertThat(first.getTime()).isEqualTo(NOW);
        assertThat(Rule.getDecoder().decode(first.getOriginal())).isEqualTo(broken);
        assertThat(rejected.get(1).getReason())
                .startsWith("rule bad-kind: unknown kind 'SENTIMENT'");

        assertThat(heldRules()).containsOnlyKeys("r");
        assertThat(heldRules().get("r").getVersion()).isEqualTo(1L);
        assertThat(reviews()).extracting(ReviewTask::getReason).containsExactly("RULE:r");
        assertEveryInputAccountedForOnce();
    }

    @Test
    void aRuleOverItsCompileBudgetIsDeadLetteredAndThePreviousVersionStillFires() throws Exception {
        publish(rule("r", "REGEX", "refund", "FORCE_REVIEW", null));
        Rule slow = withVersion(rule("r", "REGEX", "(?:a{1000}){1000}b", "FORCE_REVIEW", null), 2);
        publish(slow);
        send(scored("e1", "a refund please", "positive", 0.99));
        send(scored("e2", "a".repeat(2_000) + "b", "positive", 0.99));

        List<DeadLetter> rejected = deadLetters(DecisionRecords.STAGE_RULE_UPDATE);
        assertThat(rejected)
                .extracting(DeadLetter::getId, DeadLetter::getReason)
                .containsExactly(
                        tuple(
                                "r",
                                "rule r: regex may compile to 1000003 instructions, above the"
                                        + " limit of 1000 per rule"));
        assertThat(Rule.getDecoder().decode(rejected.get(0).getOriginal())).isEqualTo(slow);
        assertThat(heldRules().get("r").getVersion()).isEqualTo(1L);
        assertThat(reviews()).extracting(ReviewTask::getId).containsExactly("e1");
        assertThat(predictions()).extracting(Prediction::getId).containsExactly("e2");
        assertEveryInputAccountedForOnce();
    }

    @Test
    void textRulesLookOnlyAtTheFirstCharactersOfALongText() throws Exception {
        publish(rule("kw", "KEYWORD", "refund", "ROUTE", "billing"));
        publish(rule("re", "REGEX", "(?i)refund", "ALERT", null));
        publish(rule("amount", "AMOUNT_THRESHOLD", "amount > 100", "OVERRIDE_LABEL", "big"));
        String padding = "x ".repeat(2_500);
        send(scored("early", "refund $500 " + padding, "negative", 0.99));
        send(scored("late", padding + "refund $500", "negative", 0.99));

        assertThat(predictions())
                .extracting(Prediction::getId, Prediction::getQueue, Prediction::getLabel)
                .containsExactly(tuple("early", "billing", "big"), tuple("late", null, "negative"));
        assertThat(alerts()).extracting(Alert::getRecordId).containsExactly("early");
    }

    @Test
    void theNumberOfHeldRulesIsBounded() throws Exception {
        for (int i = 0; i < 1_001; i++) {
            publish(rule("m" + i, "METADATA_MATCH", "n == " + i, "ROUTE", "q" + i));
        }
        assertThat(heldRules()).hasSize(1_000).doesNotContainKey("m1000");
        assertThat(deadLetters(DecisionRecords.STAGE_RULE_UPDATE))
                .extracting(DeadLetter::getReason)
                .containsExactly(
                        "rule m1000: 1000 rules are held, the limit; delete one before adding"
                                + " another");

        publish(withVersion(rule("m0", "METADATA_MATCH", "n == 0", "ROUTE", "zero"), 2));
        publish(deleted(rule("m1", "METADATA_MATCH", "x", "ROUTE", "x"), 2));
        publish(rule("m1000", "METADATA_MATCH", "n == 1000", "ROUTE", "q1000"));
        send(scored("e0", "t", "n", 0.99, "web", Map.of("n", "0")));
        send(scored("e1000", "t", "n", 0.99, "web", Map.of("n", "1000")));

        assertThat(predictions()).extracting(Prediction::getQueue).containsExactly("zero", "q1000");
        assertThat(deadLetters(DecisionRecords.STAGE_RULE_UPDATE)).hasSize(1);
    }

    @Test
    void theTextRulesTogetherStayWithinTheirProgramBudget() throws Exception {
        // Each compiles to 503 instructions; 7 fit in 4,000, an 8th does not.
        for (int i = 0; i < 8; i++) {
            publish(rule("big" + i, "REGEX", "[a-z]{500}" + i, "ALERT", null));
        }
        assertThat(heldRules()).hasSize(7).doesNotContainKey("big7");
        assertThat(deadLetters(DecisionRecords.STAGE_RULE_UPDATE))
                .extracting(DeadLetter::getReason)
                .containsExactly(
                        "rule big7: the enabled text rules would compile to 4024 instructions"
                                + " in all, above the limit of 4000 (this rule: 503)");

        // A disabled rule never runs, so it costs nothing; replacing a rule frees its cost.
        publish(disabled(rule("big7", "REGEX", "[a-z]{500}7", "ALERT", null), 1));
        publish(withVersion(rule("big0", "REGEX", "small", "ALERT", null), 2));
        publish(withVersion(rule("big7", "REGEX", "[a-z]{500}7", "ALERT", null), 2));
        assertThat(heldRules()).hasSize(8);
        assertThat(heldRules().get("big7").getEnabled()).isTrue();
        assertThat(deadLetters(DecisionRecords.STAGE_RULE_UPDATE)).hasSize(1);
    }

    @Test
    void aBurstOfTenThousandUpdatesIsAppliedWhileRecordsAreDecided() throws Exception {
        // A functional check of the broadcast side under a burst; the throughput is measured by
        // RuleEngineThroughput, not asserted here.
        for (int i = 0; i < 10_000; i++) {
            String id = "m" + (i % 1_200);
            publish(
                    withVersion(
                            rule(id, "METADATA_MATCH", "n == " + i, "ROUTE", "q" + i),
                            1 + i / 1_200));
            if (i % 10 == 9) {
                send(scored("e" + i, "t", "n", 0.99, "web", Map.of("n", String.valueOf(i))));
            }
        }

        assertEveryInputAccountedForOnce();
        assertThat(heldRules()).hasSize(1_000);
        // Ids m1000..m1199 never fit: each is rejected in each of the 8 full rounds of 1,200.
        assertThat(deadLetters(DecisionRecords.STAGE_RULE_UPDATE)).hasSize(1_600);
        List<Prediction> decided = predictions();
        assertThat(decided).hasSize(1_000);
        for (Prediction prediction : decided) {
            int i = Integer.parseInt(prediction.getId().substring(1));
            boolean held = i % 1_200 < 1_000;
            assertThat(prediction.getQueue()).isEqualTo(held ? "q" + i : null);
        }
    }

    @Test
    void aBlankRuleIdIsRejected() throws Exception {
        publish(rule("", "KEYWORD", "x", "DROP", "y"));

        assertThat(deadLetters(DecisionRecords.STAGE_RULE_UPDATE))
                .extracting(DeadLetter::getReason)
                .containsExactly("rule id must not be blank");
        assertThat(heldRules()).isEmpty();
    }

    @Test
    void aCatastrophicPatternOverALongTextFinishesQuickly() {
        // As long as the scan limit: the whole text is searched.
        String text = "a".repeat(RuleBudget.DEFAULT.maxScanChars() - 1) + "!";
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> {
                    try (BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> h =
                            open(new RuleEngineFunction())) {
                        h.processBroadcastElement(
                                rule("redos", "REGEX", "(a+)+$", "DROP", "redos"), 1L);
                        h.processBroadcastElement(
                                rule("redos2", "REGEX", "(x+x+)+y", "DROP", "redos"), 1L);
                        long start = System.nanoTime();
                        h.processElement(scored("e1", text, "negative", 0.99), 1L);
                        h.processElement(
                                scored(
                                        "e2",
                                        "a".repeat(RuleBudget.DEFAULT.maxScanChars()),
                                        "negative",
                                        0.99),
                                1L);
                        long millis = (System.nanoTime() - start) / 1_000_000;

                        assertThat(millis).isLessThan(2_000L);
                        assertThat(h.extractOutputValues()).hasSize(1);
                        assertThat(h.extractOutputValues().get(0).getRulesFired()).isEmpty();
                        // The all-"a" text does match (a+)+$, so the pattern really ran.
                        assertThat(side(h, OutputTags.DEAD_LETTERS))
                                .extracting(DeadLetter::getId, DeadLetter::getErrorClass)
                                .containsExactly(tuple("e2", "RULE:redos"));
                    }
                });
    }

    @Test
    void dropWinsOverReviewAndOverrideButAlertsAreStillRaised() throws Exception {
        publish(withPriority(rule("relabel", "KEYWORD", "refund", "OVERRIDE_LABEL", "billing"), 1));
        publish(withPriority(rule("review", "KEYWORD", "refund", "FORCE_REVIEW", null), 2));
        publish(
                withPriority(
                        rule("alert", "AMOUNT_THRESHOLD", "amount > 1000", "ALERT", "CRITICAL"),
                        3));
        publish(
                withPriority(
                        rule("spam", "METADATA_MATCH", "source == bot", "DROP", "bot traffic"), 4));
        send(scored("e1", "refund $5,000 now", "negative", 0.99, "bot", Map.of()));

        assertThat(predictions()).isEmpty();
        assertThat(reviews()).isEmpty();
        DeadLetter dropped = deadLetters().get(0);
        assertThat(dropped.getStage()).isEqualTo("RULES");
        assertThat(dropped.getReason()).isEqualTo("bot traffic");
        assertThat(dropped.getErrorClass()).isEqualTo("RULE:spam");
        assertThat(dropped.getId()).isEqualTo("e1");
        assertThat(dropped.getIngestTime()).isEqualTo(RuleFixtures.INGEST_TIME);
        assertThat(TextEvent.getDecoder().decode(dropped.getOriginal()).getText())
                .isEqualTo("refund $5,000 now");

        assertThat(alerts()).hasSize(1);
        Alert alert = alerts().get(0);
        assertThat(alert.getRuleId()).isEqualTo("alert");
        assertThat(alert.getRecordId()).isEqualTo("e1");
        assertThat(alert.getSeverity()).isEqualTo("CRITICAL");
        assertThat(alert.getLabel()).isEqualTo("billing");
        assertThat(alert.getSource()).isEqualTo("bot");
        assertThat(alert.getTime()).isEqualTo(NOW);
        assertThat(alert.getId()).isEqualTo(AlertFactory.alertId("e1", "alert"));
        assertThat(alert.getMessage())
                .isEqualTo("rule alert matched record e1: AMOUNT_THRESHOLD amount > 1000");
        assertEveryInputAccountedForOnce();
    }

    @Test
    void forcedReviewCarriesRuleReasonQueueOverriddenLabelAndFiredRulesInPriorityOrder()
            throws Exception {
        publish(
                withPriority(
                        rule(
                                "z-review",
                                "LABEL_CONFIDENCE",
                                "label == negative && confidence >= 0.95",
                                "FORCE_REVIEW",
                                "escalations"),
                        10));
        publish(
                withPriority(
                        rule("a-relabel", "KEYWORD", "lawyer", "OVERRIDE_LABEL", "legal"), 10));
        publish(withPriority(rule("first", "REGEX", "(?i)lawyer", "ALERT", null), 1));
        send(scored("e1", "My lawyer will call", "negative", 0.97));

        ReviewTask task = reviews().get(0);
        assertThat(task.getReason()).isEqualTo("RULE:z-review");
        assertThat(task.getQueue()).isEqualTo("escalations");
        assertThat(task.getSuggestedLabel()).isEqualTo("legal");
        assertThat(task.getRulesFired()).containsExactly("first", "a-relabel", "z-review");
        assertThat(alerts()).extracting(Alert::getSeverity).containsExactly("WARNING");
        assertThat(predictions()).isEmpty();
    }

    @Test
    void aForcedReviewOfALowConfidenceRecordGivesTheRuleAsReason() throws Exception {
        publish(rule("review", "KEYWORD", "cancel", "FORCE_REVIEW", null));
        send(lowConfidence(scored("e1", "cancel it", "negative", 0.5), 0.9));
        send(lowConfidence(scored("e2", "keep it", "negative", 0.5), 0.9));

        assertThat(reviews())
                .extracting(ReviewTask::getReason)
                .containsExactly("RULE:review", "LOW_CONFIDENCE");
    }

    @Test
    void aRecordThatCannotBeDecidedIsDeadLetteredWithoutAlerts() throws Exception {
        publish(rule("alert", "KEYWORD", "refund", "ALERT", null));
        ScoredEvent broken = scored("e1", "refund", "negative", 0.99);
        broken.setModelId(null);
        send(broken);
        send(scored("e2", "refund", "negative", 0.99));

        DeadLetter dead = deadLetters().get(0);
        assertThat(dead.getId()).isEqualTo("e1");
        assertThat(dead.getStage()).isEqualTo("RULES");
        assertThat(dead.getReason()).startsWith("rules failed on this record: ");
        assertThat(alerts()).extracting(Alert::getRecordId).containsExactly("e2");
        assertEveryInputAccountedForOnce();
    }

    @Test
    void everyInputEndsInExactlyOneOutput() throws Exception {
        publish(rule("drop", "KEYWORD", "spam", "DROP", "spam"));
        publish(rule("review", "KEYWORD", "lawsuit", "FORCE_REVIEW", null));
        publish(rule("alert", "KEYWORD", "urgent", "ALERT", "INFO"));
        publish(rule("route", "METADATA_MATCH", "tier in (gold, platinum)", "ROUTE", "vip"));
        String[] texts = {"spam offer", "lawsuit coming", "urgent help", "hello", "urgent spam"};
        for (int i = 0; i < 50; i++) {
            ScoredEvent event =
                    scored(
                            "e" + i,
                            texts[i % texts.length],
                            "negative",
                            i % 3 == 0 ? 0.5 : 0.99,
                            "web",
                            Map.of("tier", i % 2 == 0 ? "gold" : "bronze"));
            send(i % 3 == 0 ? lowConfidence(event, 0.9) : event);
        }

        assertEveryInputAccountedForOnce();
        assertThat(deadLetters(DecisionRecords.STAGE_RULES)).hasSize(20);
        assertThat(alerts()).hasSize(20);
        assertThat(predictions()).isNotEmpty();
        assertThat(reviews()).isNotEmpty();
        assertThat(predictions())
                .allSatisfy(
                        p -> {
                            if (p.getRulesFired().contains("route")) {
                                assertThat(p.getQueue()).isEqualTo("vip");
                            }
                        });
    }

    @Test
    void rulesAreRebuiltFromBroadcastStateAfterARestore() throws Exception {
        publish(rule("relabel", "KEYWORD", "refund", "OVERRIDE_LABEL", "billing"));
        publish(disabled(rule("off", "KEYWORD", "refund", "DROP", "never"), 2));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);

        try (BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> restored =
                new BroadcastOperatorTestHarness<>(
                        new CoBroadcastWithNonKeyedOperator<>(
                                new RuleEngineFunction(), List.of(RuleEngineFunction.RULES)),
                        1,
                        1,
                        0)) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(scored("e1", "refund please", "negative", 0.99), 1L);
            restored.processBroadcastElement(
                    deleted(rule("relabel", "KEYWORD", "x", "DROP", "x"), 2), 1L);
            restored.processElement(scored("e2", "refund please", "negative", 0.99), 1L);

            assertThat(restored.extractOutputValues())
                    .extracting(Prediction::getLabel)
                    .containsExactly("billing", "negative");
            assertThat(restored.getBroadcastState(RuleEngineFunction.RULES).immutableEntries())
                    .extracting(Map.Entry::getKey)
                    .containsExactly("off");
            assertThat(side(restored, OutputTags.DEAD_LETTERS)).isEmpty();
        }
    }

    @Test
    void aRestoredRuleOverASmallerBudgetIsNotAppliedAndTheOthersAre() throws Exception {
        RuleBudget generous = new RuleBudget(10_000, 100, 2_000, 8_000, 4_000, 1_000);
        OperatorSubtaskState snapshot;
        try (BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> before =
                open(new RuleEngineFunction(RoutingTable.empty(), generous))) {
            before.processBroadcastElement(
                    rule("big", "REGEX", "[a-z]{750}[a-z]{750}!", "DROP", "big"), 1L);
            before.processBroadcastElement(
                    rule("small", "KEYWORD", "refund", "ROUTE", "billing"), 1L);
            assertThat(side(before, OutputTags.DEAD_LETTERS)).isEmpty();
            snapshot = before.snapshot(1L, 1L);
        }

        try (BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> restored =
                new BroadcastOperatorTestHarness<>(
                        new CoBroadcastWithNonKeyedOperator<>(
                                new RuleEngineFunction(), List.of(RuleEngineFunction.RULES)),
                        1,
                        1,
                        0)) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(
                    scored("e1", "refund " + "x".repeat(1_500) + "!", "negative", 0.99), 1L);

            assertThat(restored.extractOutputValues())
                    .extracting(Prediction::getId, Prediction::getQueue)
                    .containsExactly(tuple("e1", "billing"));
            assertThat(side(restored, OutputTags.DEAD_LETTERS)).isEmpty();
        }
    }

    @Test
    void activeRulesCountsEnabledCompiledRules() throws Exception {
        RuleEngineFunction function = new RuleEngineFunction();
        try (BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> h = open(function)) {
            assertThat(function.activeRuleCount()).isZero();
            h.processBroadcastElement(rule("a", "KEYWORD", "x", "DROP", "y"), 1L);
            h.processBroadcastElement(rule("b", "KEYWORD", "x", "DROP", "y"), 1L);
            h.processBroadcastElement(disabled(rule("c", "KEYWORD", "x", "DROP", "y"), 1), 1L);
            assertThat(function.activeRuleCount()).isEqualTo(2);
            h.processElement(scored("e1", "x", "n", 0.99), 1L);
            assertThat(function.activeRuleCount()).isEqualTo(2);
        }
    }
}
