package io.nlpstream.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code server.properties} of the standalone Kafka broker: one KRaft node that is broker and
 * controller, on loopback, with a log directory of its own and settings that let transactional
 * (exactly-once) producers work with one broker.
 */
final class KafkaBrokerConfig {
    private KafkaBrokerConfig() {}

    static Map<String, String> entries(Path logDir, int brokerPort, int controllerPort) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        c.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                        + brokerPort
                        + ",CONTROLLER://127.0.0.1:"
                        + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", logDir.toAbsolutePath().toString());
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "4");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "4");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("auto.create.topics.enable", "false");
        c.put("num.partitions", "2");
        return c;
    }

    static Path write(Path confDir, Map<String, String> entries) throws IOException {
        StringBuilder text = new StringBuilder("# Written by nlp-stream cluster up.\n");
        entries.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path file = confDir.resolve("server.properties");
        Files.writeString(file, text.toString());
        return file;
    }
}
