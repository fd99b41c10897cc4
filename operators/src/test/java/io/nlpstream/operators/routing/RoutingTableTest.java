package io.nlpstream.operators.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    @Test
    void mapsLabelsToQueuesWithADefault() {
        RoutingTable table = new RoutingTable(Map.of("negative", "complaints"), "general");
        assertThat(table.queueFor("negative")).isEqualTo("complaints");
        assertThat(table.queueFor("positive")).isEqualTo("general");
        assertThat(table.queueFor(null)).isEqualTo("general");
        assertThat(RoutingTable.empty().queueFor("negative")).isNull();
    }

    @Test
    void parsesLabelQueuePairs() {
        RoutingTable table = RoutingTable.parse(" negative = complaints ,positive=kudos");
        assertThat(table.queues())
                .containsOnly(Map.entry("negative", "complaints"), Map.entry("positive", "kudos"));
        assertThat(table.defaultQueue()).isNull();
        assertThat(RoutingTable.parse("").queues()).isEmpty();
    }

    @Test
    void validatesWithExactMessages() {
        assertThatThrownBy(() -> RoutingTable.parse("negative"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routing entry 'negative' must be label=queue");
        assertThatThrownBy(() -> RoutingTable.parse("negative="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue for label 'negative' must not be blank");
        assertThatThrownBy(() -> RoutingTable.parse("=q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routing label must not be blank");
        assertThatThrownBy(() -> new RoutingTable(Map.of(), " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("default queue must not be blank");
    }

    @Test
    void aQueueHasItsPriorityWhetherTheTableOrARuleChoseIt() {
        RoutingTable table =
                RoutingTable.parse("ham=general,spam=abuse", "priority=urgent, general = normal");

        assertThat(table.priorityOf(table.queueFor("ham"))).isEqualTo("normal");
        assertThat(table.priorityOf("priority")).isEqualTo("urgent"); // a VIP rule's queue
        assertThat(table.priorityOf(table.queueFor("spam"))).isNull();
        assertThat(table.priorityOf(null)).isNull();
        assertThatThrownBy(() -> RoutingTable.parse("", "general"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("routing entry 'general' must be queue=priority");
        assertThatThrownBy(() -> RoutingTable.parse("", "general="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priority for queue 'general' must not be blank");
    }
}
