package io.nlpstream.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nlpstream.jobs.profiles.ProfileDefaults;
import io.nlpstream.jobs.profiles.ProfileOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

/** Reads the job options (a YAML file and/or {@code --key value} flags) and applies them. */
public final class JobConfiguration {
    /** Avro refuses to instantiate generated classes outside the packages named here. */
    public static final String AVRO_PACKAGES_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";

    public static final String SCHEMA_PACKAGE = "io.nlpstream.schemas";

    /** {@code --profile NAME}, short for {@code --job.profile NAME}. */
    public static final String PROFILE_FLAG = "profile";

    private JobConfiguration() {}

    /**
     * {@code --config FILE} loads a flat YAML file of option keys; every other {@code --key value}
     * pair sets one option and wins over the file; the profile's own options come last.
     */
    public static Configuration fromArgs(String[] args) throws IOException {
        ParameterTool flags = ParameterTool.fromArgs(args);
        Map<String, String> values = new HashMap<>();
        if (flags.has("config")) {
            values.putAll(readYaml(Path.of(flags.get("config"))));
        }
        flags.toMap()
                .forEach(
                        (k, v) -> {
                            if (k.equals(PROFILE_FLAG)) {
                                values.put(ProfileOptions.PROFILE.key(), v);
                            } else if (!k.equals("config")) {
                                values.put(k, v);
                            }
                        });
        return ProfileDefaults.apply(Configuration.fromMap(values));
    }

    static Map<String, String> readYaml(Path file) throws IOException {
        return parseYaml(Files.readString(file), file.toString());
    }

    /** A flat YAML map of option keys; {@code name} says where it came from in errors. */
    public static Map<String, String> parseYaml(String yaml, String name) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        Map<String, String> values = new HashMap<>();
        if (root == null) {
            return values;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(name + ": expected a map of option keys to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            values.put(e.getKey(), v.isContainerNode() ? flatten(v) : v.asText());
        }
        return values;
    }

    private static String flatten(JsonNode node) {
        StringBuilder out = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.append(out.length() == 0 ? "" : ",")
                    .append(e.getKey())
                    .append(':')
                    .append(e.getValue().asText());
        }
        return out.toString();
    }

    /** Allows Avro to instantiate this project's record classes in this JVM. */
    public static void trustSchemaPackage() {
        String current = System.getProperty(AVRO_PACKAGES_PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(AVRO_PACKAGES_PROPERTY, SCHEMA_PACKAGE);
        } else if (!current.contains(SCHEMA_PACKAGE)) {
            System.setProperty(AVRO_PACKAGES_PROPERTY, current + "," + SCHEMA_PACKAGE);
        }
    }

    /** Exactly-once checkpoints, parallelism, no Kryo fallback, a bounded restart strategy. */
    public static void configureEnvironment(StreamExecutionEnvironment env, Configuration options) {
        trustSchemaPackage();
        env.setParallelism(options.get(JobOptions.PARALLELISM));
        // The decision path sets its own, shorter timeout (NlpStreamJob.defineWorkflow).
        env.setBufferTimeout(options.get(JobOptions.SIDE_BUFFER_TIMEOUT_MS));
        env.enableCheckpointing(
                options.get(JobOptions.CHECKPOINT_INTERVAL_MS), CheckpointingMode.EXACTLY_ONCE);
        Configuration flink = new Configuration();
        flink.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        // Inference is a two-input operator (texts + model control) and so not chained to the
        // source:
        // aligned barriers would wait behind every buffered record; unaligned ones overtake them.
        flink.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        env.configure(flink);
    }
}
