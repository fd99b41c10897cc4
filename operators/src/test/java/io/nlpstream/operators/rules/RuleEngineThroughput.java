package io.nlpstream.operators.rules;

import static io.nlpstream.operators.rules.RuleFixtures.rule;
import static io.nlpstream.operators.rules.RuleFixtures.scored;
import static io.nlpstream.operators.rules.RuleFixtures.withVersion;

import com.google.re2j.Pattern;
import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.routing.RoutingTable;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.Rule;
import io.nlpstream.schemas.ScoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;

/**
 * Measures the decision path of {@link RuleEngineFunction} in a harness: records per second with a
 * steady rule set, with 10,000 rule updates interleaved, and after 10,000 updates in one burst;
 * then what the worst rules the budget accepts cost to compile and per record. Not a test: run its
 * {@code main} on the test class path (see RULES.md).
 */
public final class RuleEngineThroughput {
    private static final int UPDATES = 10_000;
    private static final int CHUNK = 5_000;
    private static final String[] TEXTS = {
        "I was charged twice for order #48213 and I want a refund now",
        "Great service, the delivery came a day early and the driver was kind",
        "My lawyer says the $12,500.00 charge back is not what we agreed on",
        "Please cancel my account, the app keeps crashing since the last update",
        "Can someone call me back about the EUR 3.2k invoice from last month",
        "The product is fine but the packaging was damaged and the manual missing",
        "urgent: my card was used in another country, block it immediately",
        "Thanks for the quick answer, everything works again as it should"
    };

    private RuleEngineThroughput() {}

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int baseRules = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int records = chunks * CHUNK;
        System.out.printf(
                "rule budget %s%n%d rules held, %d records per engine, %d updates%n",
                RuleBudget.DEFAULT, baseRules, records, UPDATES);
        List<Rule> base = baseRules(baseRules);

        try (Engine steady = new Engine(base);
                Engine updated = new Engine(base);
                Engine burst = new Engine(base)) {
            steady.decide(4 * CHUNK, 0);
            updated.decide(4 * CHUNK, 0);
            burst.decide(4 * CHUNK, 0);
            // A shared machine's load drifts: the two engines take turns, chunk by chunk.
            long steadyNanos = 0;
            long updatedNanos = 0;
            for (int chunk = 0; chunk < chunks; chunk++) {
                steadyNanos += steady.decide(CHUNK, 0);
                updatedNanos += updated.decide(CHUNK, UPDATES / chunks);
            }
            System.out.printf(
                    "no updates:                   %7.0f records/s%n"
                            + "10,000 updates interleaved:   %7.0f records/s (%.0f%% of it),"
                            + " updates took %.1f%% of the time, %.1f µs each%n",
                    records / (steadyNanos / 1e9),
                    records / (updatedNanos / 1e9),
                    100.0 * steadyNanos / updatedNanos,
                    100.0 * updated.updateNanos / updatedNanos,
                    updated.updateNanos / 1e3 / updated.updates);

            long burstNanos = burst.decide(0, UPDATES);
            long afterNanos = burst.decide(records, 0);
            System.out.printf(
                    "burst of 10,000 updates:      %7.1f ms back to back (the wait of a record"
                            + " queued behind them); then %.0f records/s%n",
                    burstNanos / 1e6, records / (afterNanos / 1e9));
        }
        worstAcceptedRules();
    }

    /** A rule engine in a harness, holding the base rules, fed records and updates. */
    private static final class Engine implements AutoCloseable {
        private final BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> harness;
        private final List<Rule> base;
        private final List<ScoredEvent> inputs = inputs();
        private int decided;
        private int updates;
        private long updateNanos;

        Engine(List<Rule> base) throws Exception {
            this.base = base;
            harness =
                    ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                            new RuleEngineFunction(RoutingTable.parse("positive=kudos")),
                            RuleEngineFunction.RULES);
            for (Rule rule : base) {
                harness.processBroadcastElement(rule, 0L);
            }
        }

        /** Nanoseconds to decide {@code records} records with {@code count} updates spread. */
        long decide(int records, int count) throws Exception {
            int every = count == 0 ? 0 : Math.max(1, records / count);
            int applied = 0;
            long start = System.nanoTime();
            for (int i = 0; i < records || applied < count; i++) {
                if (applied < count && (i % every == 0 || i >= records)) {
                    long updateStart = System.nanoTime();
                    harness.processBroadcastElement(update(base, updates++), 0L);
                    updateNanos += System.nanoTime() - updateStart;
                    applied++;
                }
                if (i < records) {
                    harness.processElement(inputs.get(decided++ % inputs.size()), 0L);
                }
            }
            long nanos = System.nanoTime() - start;
            clearOutputs(harness);
            return nanos;
        }

        @Override
        public void close() throws Exception {
            harness.close();
        }
    }

    private static void clearOutputs(
            BroadcastOperatorTestHarness<ScoredEvent, Rule, Prediction> harness) {
        harness.getOutput().clear();
        for (OutputTag<?> tag :
                List.of(OutputTags.REVIEW, OutputTags.ALERTS, OutputTags.DEAD_LETTERS)) {
            Queue<?> side = harness.getSideOutput(tag);
            if (side != null) {
                side.clear();
            }
        }
    }

    /** Rules of every kind, most of them text rules, as a team might publish them. */
    private static List<Rule> baseRules(int count) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "r" + i;
            Rule rule =
                    switch (i % 5) {
                        case 0 ->
                                rule(
                                        id,
                                        "KEYWORD",
                                        "refund, charge back, cancel my account, w" + i,
                                        "ROUTE",
                                        "billing");
                        case 1 ->
                                rule(
                                        id,
                                        "REGEX",
                                        "(?i)order\\s+#?\\d{5}|ref-" + i,
                                        "ALERT",
                                        "INFO");
                        case 2 ->
                                rule(
                                        id,
                                        "AMOUNT_THRESHOLD",
                                        "amount > " + (1_000 + i),
                                        "FORCE_REVIEW",
                                        "finance");
                        case 3 ->
                                rule(
                                        id,
                                        "METADATA_MATCH",
                                        "tier in (gold, platinum, t" + i + ")",
                                        "ROUTE",
                                        "vip");
                        default ->
                                rule(
                                        id,
                                        "LABEL_CONFIDENCE",
                                        "label == negative && confidence >= 0.9" + (i % 10),
                                        "ALERT",
                                        "WARNING");
                    };
            rules.add(rule);
        }
        return rules;
    }

    /** Update {@code u}: a new version of a held rule; one in 50 is over budget and rejected. */
    private static Rule update(List<Rule> base, int u) {
        Rule held = base.get(u % base.size());
        long version = 2 + u / base.size();
        if (u % 50 == 49) {
            return withVersion(
                    rule(held.getId(), "REGEX", "(?:(?:a{1000}){1000}){1000}", "DROP", "x"),
                    version);
        }
        Rule next = withVersion(held, version);
        next.setDescription("update " + u);
        return next;
    }

    private static List<ScoredEvent> inputs() {
        List<ScoredEvent> inputs = new ArrayList<>();
        for (int i = 0; i < TEXTS.length; i++) {
            inputs.add(
                    scored(
                            "e" + i,
                            TEXTS[i],
                            i % 2 == 0 ? "negative" : "positive",
                            0.9 + i * 0.01,
                            "web",
                            Map.of("tier", i % 3 == 0 ? "gold" : "bronze")));
        }
        return inputs;
    }

    /** Compile time and one search's time for the costliest patterns the budget accepts. */
    private static void worstAcceptedRules() throws Exception {
        RuleCompiler compiler = new RuleCompiler();
        String[] patterns = {
            "[a-z]{500}[a-z]{497}b", "(?:a?){300}a{300}", "(?:.*a){249}", "(?:a|aa){249}b"
        };
        int scan = RuleBudget.DEFAULT.maxScanChars();
        List<CompiledRule> worst = new ArrayList<>();
        for (String pattern : patterns) {
            long compileNanos = Long.MAX_VALUE;
            CompiledRule compiled = null;
            for (int round = 0; round < 5; round++) {
                long start = System.nanoTime();
                compiled =
                        compiler.compile(rule("w" + worst.size(), "REGEX", pattern, "ALERT", null));
                compileNanos = Math.min(compileNanos, System.nanoTime() - start);
            }
            worst.add(compiled);
            Pattern raw = Pattern.compile(pattern);
            System.out.printf(
                    "worst accepted %-26s %4d instructions, compiled in %5.2f ms; one find over"
                            + " %d 'a': %6.1f ms, over 20,000 'a' (no scan limit): %7.1f ms%n",
                    pattern,
                    compiled.programSize(),
                    compileNanos / 1e6,
                    scan,
                    findMillis(raw, "a".repeat(scan)),
                    findMillis(raw, "a".repeat(20_000)));
        }
        RuleSet set = new RuleSet(RuleBudget.DEFAULT);
        for (int i = 0; i < 4; i++) {
            CompiledRule rule =
                    compiler.compile(
                            rule(
                                    "max" + i,
                                    "REGEX",
                                    "[a-z]{500}[a-z]{497}" + (char) ('b' + i),
                                    "ALERT",
                                    null));
            set.checkAdmits(rule);
            set.put(rule);
        }
        ScoredEvent hostile = scored("h", "a".repeat(1_000_000), "negative", 0.99);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            set.evaluate(hostile);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf(
                "worst record: 4 rules of %d instructions in all (the total limit) over a"
                        + " 1,000,000-character text: %.0f ms%n",
                set.enabledProgramSize(), best / 1e6);
    }

    private static double findMillis(Pattern pattern, String text) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            pattern.matcher(text).find();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e6;
    }
}
