package io.nlpstream.operators.batching;

import static io.nlpstream.operators.testutils.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.RunShape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {
    /** Every window its own run, unpadded: 1 ms per run + 0.5 ms per token once learned. */
    private static final Function<int[], RunShape> UNPADDED =
            lengths -> {
                long tokens = 0;
                for (int l : lengths) {
                    tokens += l;
                }
                return new RunShape(1, tokens, tokens);
            };

    @Test
    void theCostModelLearnsRunTimeFromRunsAndPaddedTokens() {
        RunCostModel costs = new RunCostModel();
        for (int i = 0; i < 60; i++) {
            int runs = 1 + i % 4;
            long tokens = 40 + 37L * (i % 9);
            costs.observe(new RunShape(runs, tokens, tokens), 3.0 * runs + 0.2 * tokens);
        }
        assertThat(costs.perRunMillis()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(costs.perTokenMillis())
                .isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(costs.predictMillis(new RunShape(2, 500, 500)))
                .isCloseTo(106.0, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void theCostModelFollowsAModelThatBecameSlower() {
        RunCostModel costs = new RunCostModel();
        for (int i = 0; i < 40; i++) {
            long tokens = 50 + 10L * (i % 7);
            costs.observe(new RunShape(1 + i % 3, tokens, tokens), (1 + i % 3) + 0.1 * tokens);
        }
        for (int i = 0; i < 60; i++) {
            long tokens = 50 + 10L * (i % 7);
            costs.observe(new RunShape(1 + i % 3, tokens, tokens), (1 + i % 3) + 0.4 * tokens);
        }
        assertThat(costs.perTokenMillis())
                .isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void withALatencyTargetTheBatchFitsTheBudgetAndTheOldestTextsGoFirst() {
        BatchingConfig config = new BatchingConfig(32, 5, 8192, 200);
        RunCostModel costs = trained(0.5);
        RunBudget budget = new RunBudget(200); // starts at an eighth of the target: 25 ms
        BatchPlanner planner = new BatchPlanner(config, costs, budget);

        // 20 texts of 10 tokens: 5 ms each
        BatchPlanner.Plan plan = planner.plan(texts(20, 10, 1_000), UNPADDED, 1_000);

        assertThat(plan.size()).isEqualTo(4); // 1 ms per run + 4 x 5 ms <= 25 < 1 + 5 x 5
        assertThat(plan.predictedRunMillis()).isLessThanOrEqualTo(25);
        assertThat(plan.oldestWaitMillis()).isZero();
    }

    @Test
    void aLateTextDoesNotShrinkItsBatch() {
        BatchPlanner planner =
                new BatchPlanner(
                        new BatchingConfig(32, 5, 8192, 200), trained(0.5), new RunBudget(200));

        // the oldest missed the target already: the batch still fills the 25 ms budget
        assertThat(planner.plan(texts(20, 10, 1_000), UNPADDED, 1_300).size()).isEqualTo(4);
        assertThat(planner.plan(texts(20, 10, 1_000), UNPADDED, 1_300).oldestWaitMillis())
                .isEqualTo(300);
    }

    @Test
    void aFullQueueTakesAsMuchAsTheCapsAllowAndAtLeastOneText() {
        BatchingConfig config = new BatchingConfig(8, 5, 100, 200);
        BatchPlanner planner = new BatchPlanner(config, trained(0.5), new RunBudget(200));

        // 16 texts fill the queue: throughput first, within 8 texts and 100 tokens
        assertThat(planner.plan(texts(16, 10, 1_000), UNPADDED, 1_000).size()).isEqualTo(8);
        assertThat(planner.plan(texts(16, 30, 1_000), UNPADDED, 1_000).size()).isEqualTo(3);
        // one text longer than the token cap runs alone
        assertThat(planner.plan(texts(16, 500, 1_000), UNPADDED, 1_000).size()).isEqualTo(1);
        // below a full queue the budget counts
        assertThat(planner.plan(texts(15, 10, 1_000), UNPADDED, 1_000).size()).isEqualTo(4);
    }

    @Test
    void withoutATargetOnlyTheCapsCount() {
        BatchPlanner planner =
                new BatchPlanner(new BatchingConfig(4, 50), trained(5.0), new RunBudget(0));

        assertThat(planner.plan(texts(10, 10, 0), UNPADDED, 0).size()).isEqualTo(4);
    }

    @Test
    void theBudgetGrowsWhileTheTargetHoldsAndShrinksWhenItIsMissed() {
        RunBudget budget = new RunBudget(200);
        assertThat(budget.millis()).isEqualTo(25); // an eighth of the target
        budget.update(100, false, 0);
        budget.update(100, false, 1);
        assertThat(budget.millis()).isEqualTo(29);
        budget.update(170, false, 2); // inside the target but not well inside: holds
        assertThat(budget.millis()).isEqualTo(29);
        for (int i = 0; i < 50; i++) {
            budget.update(100, false, 3 + i);
        }
        assertThat(budget.millis()).isEqualTo(50); // at most a quarter of the target

        budget.update(250, false, 1_000);
        assertThat(budget.millis()).isCloseTo(35.0, org.assertj.core.data.Offset.offset(1e-9));
        budget.update(250, false, 1_100); // at most one cut per half second
        assertThat(budget.millis()).isCloseTo(35.0, org.assertj.core.data.Offset.offset(1e-9));
        for (int i = 0; i < 50; i++) {
            budget.update(900, false, 2_000 + 500L * i);
        }
        assertThat(budget.millis()).isEqualTo(10); // never below a twentieth of the target

        // missed because texts queue: only more throughput helps
        budget.update(900, true, 100_000);
        assertThat(budget.millis()).isEqualTo(12);
    }

    @Test
    void theLatencyWindowKeepsTheLastTexts() {
        LatencyWindow window = new LatencyWindow(100);
        assertThat(window.quantile(0.99)).isNaN();
        for (int i = 1; i <= 300; i++) {
            window.add(i <= 200 ? 10_000 : i - 200);
        }
        assertThat(window.size()).isEqualTo(100);
        assertThat(window.quantile(0.99)).isEqualTo(99);
        assertThat(window.quantile(0.5)).isEqualTo(50);
    }

    private static RunCostModel trained(double millisPerToken) {
        RunCostModel costs = new RunCostModel();
        for (int i = 0; i < 50; i++) {
            long tokens = 10 + 13L * (i % 11);
            int runs = 1 + i % 2;
            costs.observe(new RunShape(runs, tokens, tokens), runs + millisPerToken * tokens);
        }
        return costs;
    }

    private static List<PendingText> texts(int count, int tokens, long startMillis) {
        List<PendingText> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(
                    new PendingText(
                            event("t" + i, "text"),
                            PendingText.NO_TIMESTAMP,
                            i,
                            startMillis,
                            startMillis,
                            new int[] {tokens}));
        }
        return out;
    }
}
