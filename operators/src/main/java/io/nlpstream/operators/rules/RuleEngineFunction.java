package io.nlpstream.operators.rules;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.alerts.AlertFactory;
import io.nlpstream.operators.routing.RoutingTable;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.Rule;
import io.nlpstream.schemas.ScoredEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the run-time rules held in broadcast state and emits each record's one decision. */
public class RuleEngineFunction extends BroadcastProcessFunction<ScoredEvent, Rule, Prediction> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleEngineFunction.class);

    /** The broadcast state of the rules, by id; pass it to {@code rulesStream.broadcast(...)}. */
    public static final MapStateDescriptor<String, Rule> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(Rule.class));

    /** Review reason prefix of a review a rule forced: {@code RULE:<id>}. */
    public static final String RULE_REASON_PREFIX = "RULE:";

    private final RoutingTable routingTable;
    private final RuleBudget budget;
    private final ArrayList<byte[]> startingRules;

    private transient RuleCompiler compiler;
    private transient List<Rule> starting;
    private transient RuleSet ruleSet;
    private transient Counter rulesFired;
    private transient Counter ruleRejections;
    private transient Counter staleRuleUpdates;

    /**
     * @param routingTable the queue of each final label when no rule chose one
     * @param budget what a rule may cost to compile and per record, and how many may be held
     */
    public RuleEngineFunction(RoutingTable routingTable, RuleBudget budget) {
        this(routingTable, budget, List.of());
    }

    /**
     * An engine that starts with rules of its own, encoded as on the rules topic (a profile's
     * starter rules and the rules the topic held when the job was built): they decide from the
     * first record, where the topic's copies could arrive after the first texts, and go into the
     * broadcast state with the first update from the topic, which may replace or delete them like
     * any other rule. An engine restored with rules in its state ignores them.
     */
    public RuleEngineFunction(
            RoutingTable routingTable, RuleBudget budget, List<byte[]> startingRules) {
        this.routingTable = Objects.requireNonNull(routingTable, "routingTable must not be null");
        this.budget = Objects.requireNonNull(budget, "budget must not be null");
        this.startingRules = new ArrayList<>(startingRules);
    }

    /** An engine with the default budget and starting rules, see above. */
    public RuleEngineFunction(RoutingTable routingTable, List<byte[]> startingRules) {
        this(routingTable, RuleBudget.DEFAULT, startingRules);
    }

    /** An engine with the {@link RuleBudget#DEFAULT default budget}. */
    public RuleEngineFunction(RoutingTable routingTable) {
        this(routingTable, RuleBudget.DEFAULT);
    }

    /** An engine without a routing table: predictions go to the default path unless routed. */
    public RuleEngineFunction() {
        this(RoutingTable.empty());
    }

    @Override
    public void open(OpenContext openContext) {
        compiler = new RuleCompiler(budget);
        ruleSet = null;
        starting = decodeStartingRules();
        rulesFired = getRuntimeContext().getMetricGroup().counter("rulesFired");
        ruleRejections = getRuntimeContext().getMetricGroup().counter("ruleRejections");
        staleRuleUpdates = getRuntimeContext().getMetricGroup().counter("staleRuleUpdates");
        getRuntimeContext().getMetricGroup().gauge("activeRules", this::activeRuleCount);
    }

    /**
     * Emits exactly one of: a dead letter (stage RULES, the rule's reason) when a DROP rule
     * matched; else a review task ({@link OutputTags#REVIEW}) when a FORCE_REVIEW rule matched or
     * the router set a review reason; else a prediction. Alerts ({@link OutputTags#ALERTS}) come in
     * addition.
     */
    @Override
    public void processElement(ScoredEvent scored, ReadOnlyContext ctx, Collector<Prediction> out)
            throws Exception {
        RuleSet rules = ruleSet(ctx.getBroadcastState(RULES));
        long now = ctx.currentProcessingTime();
        Decision decision;
        try {
            decision = decide(rules, scored, now);
        } catch (RuntimeException e) {
            // A record the rules cannot handle is accounted for, never a reason to fail the job.
            // An exception's message may quote the text (NumberFormatException does): DEBUG.
            LOG.warn(
                    "rules failed on record {}: {}",
                    scored.getEvent().getId(),
                    e.getClass().getName());
            LOG.debug("rules failed on record {}", scored.getEvent().getId(), e);
            ctx.output(
                    OutputTags.DEAD_LETTERS,
                    DecisionRecords.rulesDeadLetter(
                            scored,
                            "rules failed on this record: " + e.getMessage(),
                            e.getClass().getName(),
                            now));
            return;
        }
        rulesFired.inc(decision.rulesFired());
        for (Alert alert : decision.alerts()) {
            ctx.output(OutputTags.ALERTS, alert);
        }
        if (decision.deadLetter() != null) {
            ctx.output(OutputTags.DEAD_LETTERS, decision.deadLetter());
        } else if (decision.review() != null) {
            ctx.output(OutputTags.REVIEW, decision.review());
        } else {
            out.collect(decision.prediction());
        }
    }

    /** Evaluates the rules and builds every output record before any is emitted. */
    private Decision decide(RuleSet rules, ScoredEvent scored, long now) {
        RuleOutcome outcome = rules.evaluate(scored);
        List<Alert> alerts = new ArrayList<>();
        for (CompiledRule rule : outcome.alertRules()) {
            alerts.add(
                    AlertFactory.forRule(
                            rule.id(),
                            rule.severity(),
                            rule.detail(),
                            scored,
                            outcome.label(),
                            now));
        }
        int fired = outcome.firedRuleIds().size();
        if (outcome.dropped()) {
            CompiledRule drop = outcome.dropRule();
            DeadLetter dropped =
                    DecisionRecords.rulesDeadLetter(
                            scored, drop.actionArg(), RULE_REASON_PREFIX + drop.id(), now);
            return new Decision(alerts, null, null, dropped, fired);
        }
        if (outcome.forcedReview() || scored.getReviewReason() != null) {
            String reason =
                    outcome.forcedReview()
                            ? RULE_REASON_PREFIX + outcome.reviewRuleId()
                            : scored.getReviewReason();
            ReviewTask review = DecisionRecords.reviewTask(scored, outcome, reason, now);
            return new Decision(alerts, null, review, null, fired);
        }
        String queue =
                outcome.queue() != null ? outcome.queue() : routingTable.queueFor(outcome.label());
        Prediction prediction =
                DecisionRecords.prediction(
                        scored, outcome, queue, routingTable.priorityOf(queue), now);
        return new Decision(alerts, prediction, null, null, fired);
    }

    /** The records one input leaves as: exactly one of prediction, review, dead letter. */
    private record Decision(
            List<Alert> alerts,
            Prediction prediction,
            ReviewTask review,
            DeadLetter deadLetter,
            int rulesFired) {}

    /**
     * Applies a rule update: a lower version than the one held is ignored, {@code deleted} removes
     * the rule, a rule that does not compile or is over the budget goes to the dead letters (stage
     * RULE_UPDATE) while the version held stays active, anything else replaces it (disabled rules
     * are kept, never fired). Besides compiling the one rule, an update costs O(log n).
     */
    @Override
    public void processBroadcastElement(Rule rule, Context ctx, Collector<Prediction> out)
            throws Exception {
        BroadcastState<String, Rule> state = ctx.getBroadcastState(RULES);
        RuleSet rules = ruleSet(state);
        if (isEmpty(state)) {
            // The starting rules decided so far: from now on they live where updates do. Every
            // subtask holds the same ones, so the broadcast state stays the same everywhere.
            for (Rule startingRule : starting) {
                state.put(startingRule.getId(), startingRule);
            }
        }
        String id = rule.getId();
        if (id == null || id.isBlank()) {
            reject(rule, "rule id must not be blank", InvalidRuleException.class.getName(), ctx);
            return;
        }
        Rule held = state.get(id);
        if (held != null && rule.getVersion() < held.getVersion()) {
            staleRuleUpdates.inc();
            LOG.info(
                    "ignoring rule {} version {}: version {} is held",
                    id,
                    rule.getVersion(),
                    held.getVersion());
            return;
        }
        if (rule.getDeleted()) {
            state.remove(id);
            rules.remove(id);
            LOG.info("deleted rule {} (version {})", id, rule.getVersion());
            return;
        }
        CompiledRule compiledRule;
        try {
            compiledRule = compiler.compile(rule);
            rules.checkAdmits(compiledRule);
        } catch (InvalidRuleException e) {
            reject(rule, e.getMessage(), e.getClass().getName(), ctx);
            return;
        }
        state.put(id, rule);
        rules.put(compiledRule);
        // A rule's expression is content (words and patterns of the texts): DEBUG only.
        LOG.info("rule {} version {} active", id, rule.getVersion());
        LOG.debug("rule {} version {}: {}", id, rule.getVersion(), compiledRule);
    }

    private void reject(Rule rule, String reason, String errorClass, Context ctx) {
        ruleRejections.inc();
        // The reason may quote the expression: it goes to the dead letter, and to DEBUG here.
        LOG.warn("rejected rule {} version {}", rule.getId(), rule.getVersion());
        LOG.debug("rejected rule {} version {}: {}", rule.getId(), rule.getVersion(), reason);
        // Every parallel instance sees every rule update; one of them reports the rejection.
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0) {
            return;
        }
        Long timestamp = ctx.timestamp();
        ctx.output(
                OutputTags.DEAD_LETTERS,
                DecisionRecords.ruleUpdateDeadLetter(
                        rule.getId(),
                        encode(rule),
                        reason,
                        errorClass,
                        timestamp == null ? 0L : timestamp,
                        ctx.currentProcessingTime()));
    }

    private static ByteBuffer encode(Rule rule) {
        try {
            return rule.toByteBuffer();
        } catch (IOException | RuntimeException e) {
            // A rule with null required fields cannot be encoded; keep its text form instead.
            return ByteBuffer.wrap(String.valueOf(rule).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The compiled rules, rebuilt from broadcast state on first use (after open or a restore). */
    private RuleSet ruleSet(ReadOnlyBroadcastState<String, Rule> state) throws Exception {
        if (ruleSet == null) {
            RuleSet rebuilt = new RuleSet(budget);
            List<Rule> held = new ArrayList<>();
            state.immutableEntries().forEach(entry -> held.add(entry.getValue()));
            for (Rule rule : held.isEmpty() ? starting : held) {
                try {
                    rebuilt.put(compiler.compile(rule));
                } catch (InvalidRuleException e) {
                    // Only a rule that once compiled is stored; syntax or budget may have changed.
                    LOG.error("restored rule {} no longer compiles", rule.getId());
                    LOG.debug("restored rule {}: {}", rule.getId(), e.getMessage());
                }
            }
            if (rebuilt.heldCount() > budget.maxRules()
                    || rebuilt.enabledProgramSize() > budget.maxTotalProgramSize()) {
                LOG.warn(
                        "restored {} rules of {} instructions in all, over the budget {}; updates"
                                + " that add to either are rejected",
                        rebuilt.heldCount(),
                        rebuilt.enabledProgramSize(),
                        budget);
            }
            ruleSet = rebuilt;
        }
        return ruleSet;
    }

    private static boolean isEmpty(ReadOnlyBroadcastState<String, Rule> state) throws Exception {
        return !state.immutableEntries().iterator().hasNext();
    }

    /** The starting rules that decode and compile; the others are logged and left out. */
    private List<Rule> decodeStartingRules() {
        List<Rule> rules = new ArrayList<>();
        for (byte[] bytes : startingRules) {
            try {
                Rule rule = RuleDecoder.decode(bytes);
                compiler.compile(rule);
                rules.add(rule);
            } catch (RuleDecodingException | InvalidRuleException e) {
                LOG.warn("a starting rule is left out: {}", e.getMessage());
            }
        }
        return rules;
    }

    /** The enabled compiled rules, or 0 before the rules are built. */
    int activeRuleCount() {
        RuleSet current = ruleSet;
        return current == null ? 0 : current.size();
    }
}
