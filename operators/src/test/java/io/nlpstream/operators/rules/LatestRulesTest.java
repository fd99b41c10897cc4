package io.nlpstream.operators.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestRulesTest {

    @Test
    void keepsTheHighestVersionOfEachRuleInTheOrderTheyFirstCame() {
        List<byte[]> active =
                new LatestRules(RuleBudget.DEFAULT)
                        .addAll(
                                List.of(
                                        keyword("a", 1, "refund"),
                                        keyword("b", 1, "fraud"),
                                        keyword("a", 3, "chargeback"),
                                        keyword("a", 2, "stale")))
                        .records();

        assertThat(active).map(LatestRulesTest::text).hasSize(2);
        assertThat(text(active.get(0))).contains("\"id\": \"a\"").contains("chargeback");
        assertThat(text(active.get(1))).contains("\"id\": \"b\"");
    }

    @Test
    void aDeletionRemovesTheRuleAndAnOlderDeletionDoesNot() {
        List<byte[]> active =
                new LatestRules(RuleBudget.DEFAULT)
                        .addAll(
                                List.of(
                                        keyword("a", 1, "refund"),
                                        deleted("a", 2),
                                        keyword("b", 5, "fraud"),
                                        deleted("b", 4)))
                        .records();

        assertThat(active).map(LatestRulesTest::text).singleElement().asString().contains("\"b\"");
    }

    @Test
    void anUpdateTheEngineWouldRejectLeavesTheVersionHeld() {
        byte[] unreadable = "{not a rule".getBytes(StandardCharsets.UTF_8);
        byte[] noId =
                ("{\"id\": \" \", \"kind\": \"KEYWORD\", \"expression\": \"x\", \"action\":"
                                + " \"FORCE_REVIEW\", \"version\": 9}")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] badRegex =
                ("{\"id\": \"a\", \"kind\": \"REGEX\", \"expression\": \"(unclosed\", \"action\":"
                                + " \"FORCE_REVIEW\", \"version\": 2}")
                        .getBytes(StandardCharsets.UTF_8);

        List<byte[]> active =
                new LatestRules(RuleBudget.DEFAULT)
                        .addAll(List.of(keyword("a", 1, "refund"), unreadable, noId, badRegex))
                        .records();

        assertThat(active).map(LatestRulesTest::text).singleElement().asString().contains("refund");
    }

    private static byte[] keyword(String id, long version, String word) {
        return ("{\"id\": \""
                        + id
                        + "\", \"kind\": \"KEYWORD\", \"expression\": \""
                        + word
                        + "\", \"action\": \"FORCE_REVIEW\", \"version\": "
                        + version
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deleted(String id, long version) {
        return ("{\"id\": \"" + id + "\", \"version\": " + version + ", \"deleted\": true}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] record) {
        return new String(record, StandardCharsets.UTF_8);
    }
}
