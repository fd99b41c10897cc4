package io.nlpstream.jobs.kafka;

import io.nlpstream.jobs.JobOptions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;

/**
 * Kafka client settings given as job options under {@code kafka.properties.} (security protocol,
 * SASL, SSL trust and key stores, ...), handed unchanged to every Kafka client the job and the
 * tools create: {@code --kafka.properties.security.protocol SASL_SSL} sets {@code
 * security.protocol}. Kafka's own configuration logging hides password-typed values; give secrets
 * in a {@code --config} file rather than on a command line, where process listings show them.
 */
public final class KafkaClientProperties {
    public static final String PREFIX = JobOptions.KAFKA_PROPERTIES_PREFIX;

    private KafkaClientProperties() {}

    /** The client settings among the options, their prefix removed. */
    public static Map<String, String> of(Configuration options) {
        Map<String, String> client = new TreeMap<>();
        options.toMap()
                .forEach(
                        (key, value) -> {
                            if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
                                client.put(key.substring(PREFIX.length()), value);
                            }
                        });
        return client;
    }

    public static Properties properties(Configuration options) {
        Properties props = new Properties();
        props.putAll(of(options));
        return props;
    }
}
