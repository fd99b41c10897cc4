package io.nlpstream.jobs;

import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Every setting of the streaming job, with its default and what it does. */
public final class JobOptions {
    private JobOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka bootstrap servers, host:port[,host:port]. Required.");

    /**
     * Prefix of the options passed to every Kafka client of the job with the prefix removed, such
     * as {@code kafka.properties.security.protocol} or {@code kafka.properties.sasl.jaas.config}.
     * Secrets stay out of the logs: Kafka prints its {@code Password} settings as {@code [hidden]},
     * and Flink hides option keys that contain {@code password} or {@code jaas.config}.
     */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("kafka.group-id")
                    .stringType()
                    .defaultValue("nlp-stream")
                    .withDescription("Consumer group of the input and rules sources.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("nlp-stream")
                    .withDescription(
                            "Prefix of the Kafka transactional ids of the exactly-once sinks; unique per job"
                                    + " on a cluster.");

    public static final ConfigOption<String> INPUT_TOPIC =
            ConfigOptions.key("topic.input")
                    .stringType()
                    .defaultValue("texts")
                    .withDescription(
                            "Topic the texts arrive on (Avro TextEvent, JSON or plain text).");

    public static final ConfigOption<String> PREDICTIONS_TOPIC =
            ConfigOptions.key("topic.predictions")
                    .stringType()
                    .defaultValue("predictions")
                    .withDescription("Topic of automatic decisions (Prediction).");

    public static final ConfigOption<String> REVIEW_TOPIC =
            ConfigOptions.key("topic.review")
                    .stringType()
                    .defaultValue("review")
                    .withDescription("Topic of the human review queue (ReviewTask).");

    public static final ConfigOption<String> ALERTS_TOPIC =
            ConfigOptions.key("topic.alerts")
                    .stringType()
                    .defaultValue("alerts")
                    .withDescription("Topic of alerts raised by rules and detectors (Alert).");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            ConfigOptions.key("topic.dead-letters")
                    .stringType()
                    .defaultValue("dead-letters")
                    .withDescription("Topic of records that could not be processed (DeadLetter).");

    public static final ConfigOption<String> RULES_TOPIC =
            ConfigOptions.key("topic.rules")
                    .stringType()
                    .defaultValue("rules")
                    .withDescription("Topic of rule updates (Avro Rule or JSON).");

    public static final ConfigOption<String> CONTROL_TOPIC =
            ConfigOptions.key("topic.control")
                    .stringType()
                    .defaultValue("model-control")
                    .withDescription(
                            "Topic of model updates (ModelUpdate): shadow, promote, rollback, and their acknowledgements.");

    public static final ConfigOption<String> FEEDBACK_TOPIC =
            ConfigOptions.key("topic.feedback")
                    .stringType()
                    .defaultValue("feedback")
                    .withDescription("Topic of delayed true labels (Feedback, Avro or JSON).");

    public static final ConfigOption<String> DRIFT_TOPIC =
            ConfigOptions.key("topic.drift")
                    .stringType()
                    .defaultValue("drift-metrics")
                    .withDescription("Topic of quality and drift figures (DriftMetric).");

    public static final ConfigOption<String> OUTPUT_FORMAT =
            ConfigOptions.key("output.format")
                    .stringType()
                    .defaultValue("avro")
                    .withDescription(
                            "avro (single-object encoding, the default) or json (readable by eye).");

    public static final ConfigOption<Integer> MAX_TEXT_BYTES =
            ConfigOptions.key("input.max-record-bytes")
                    .intType()
                    .defaultValue(1_000_000)
                    .withDescription(
                            "Larger input records go to the dead-letter topic. The sinks'"
                                    + " max.request.size follows from it (OutputRecordLimits).");

    public static final ConfigOption<String> MODEL =
            ConfigOptions.key("model.name")
                    .stringType()
                    .defaultValue("sentiment")
                    .withDescription(
                            "Model bundle: a shipped name (sentiment, email-triage) or a directory.");

    public static final ConfigOption<Integer> INTRA_OP_THREADS =
            ConfigOptions.key("model.intra-op-threads")
                    .intType()
                    .defaultValue(0)
                    .withDescription(
                            "ONNX Runtime intra-op threads of the shared session; 0 = cores / parallelism.");

    public static final ConfigOption<Integer> RUN_BATCH =
            ConfigOptions.key("model.run-batch")
                    .intType()
                    .defaultValue(0)
                    .withDescription(
                            "Most texts per model run inside a micro-batch (sorted by length and cut into"
                                    + " runs of this size, each padded to its longest text). 0 = one text per"
                                    + " run on a CPU, where padding costs more than a run (BENCHMARKS.md), and"
                                    + " the whole micro-batch on a GPU.");

    /** The run size {@link #RUN_BATCH} resolves to. */
    public static int runBatch(int option, boolean gpu, int maxBatchSize) {
        if (option > 0) {
            return option;
        }
        return gpu ? maxBatchSize : 1;
    }

    public static final ConfigOption<Boolean> USE_GPU =
            ConfigOptions.key("model.gpu")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Ask for the CUDA execution provider (falls back to CPU with a warning).");

    public static final ConfigOption<Long> LATENCY_TARGET_P99_MS =
            ConfigOptions.key("latency.target-p99-ms")
                    .longType()
                    .defaultValue(200L)
                    .withDescription(
                            "The p99 latency the inference operator keeps, from a text's Kafka timestamp to"
                                    + " its result. The operator runs the model as soon as it is idle, on the"
                                    + " oldest texts, and takes as many as its cost model (learned online) predicts"
                                    + " will keep the oldest within this target; batches grow only while the"
                                    + " observed p99 holds. 0 = fixed batching by batch.max-size and"
                                    + " batch.max-wait-ms.");

    public static final ConfigOption<Integer> BATCH_MAX_SIZE =
            ConfigOptions.key("batch.max-size")
                    .intType()
                    .defaultValue(32)
                    .withDescription(
                            "Most texts per micro-batch (a hard cap under the latency target); twice as many"
                                    + " may wait for the model before the operator stops taking input.");

    public static final ConfigOption<Integer> BATCH_MAX_TOKENS =
            ConfigOptions.key("batch.max-tokens")
                    .intType()
                    .defaultValue(8192)
                    .withDescription(
                            "Most padded tokens per micro-batch (a hard cap): batches are cut by the tokens"
                                    + " the model computes, so one long text does not make many short ones pay"
                                    + " for its padding. A longer text runs alone.");

    public static final ConfigOption<Long> BATCH_MAX_WAIT_MS =
            ConfigOptions.key("batch.max-wait-ms")
                    .longType()
                    .defaultValue(5L)
                    .withDescription(
                            "Only with latency.target-p99-ms = 0: a micro-batch runs when it holds"
                                    + " batch.max-size texts or its oldest text has waited this long (counted from"
                                    + " its arrival at the operator).");

    public static final ConfigOption<Double> CONFIDENCE_THRESHOLD =
            ConfigOptions.key("routing.threshold")
                    .doubleType()
                    .defaultValue(0.9)
                    .withDescription(
                            "Below this top-label probability a record goes to human review.");

    public static final ConfigOption<Map<String, String>> LABEL_THRESHOLDS =
            ConfigOptions.key("routing.label-thresholds")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Per-label thresholds overriding routing.threshold, e.g. spam:0.97,ham:0.8.");

    public static final ConfigOption<Long> CHECKPOINT_INTERVAL_MS =
            ConfigOptions.key("checkpoint.interval-ms")
                    .longType()
                    .defaultValue(1_000L)
                    .withDescription(
                            "Checkpoint interval; exactly-once outputs become visible to read_committed"
                                    + " consumers when a checkpoint completes.");

    public static final ConfigOption<Long> BUFFER_TIMEOUT_MS =
            ConfigOptions.key("pipeline.buffer-timeout-ms")
                    .longType()
                    .defaultValue(5L)
                    .withDescription(
                            "How long a network buffer on the decision path (texts to predictions, review"
                                    + " and dead letters) may wait to fill before it is sent (Flink's default is"
                                    + " 100 ms, which adds up to 100 ms per hop).");

    public static final ConfigOption<Long> SIDE_BUFFER_TIMEOUT_MS =
            ConfigOptions.key("pipeline.side-buffer-timeout-ms")
                    .longType()
                    .defaultValue(100L)
                    .withDescription(
                            "Network buffer timeout of the side streams (rules, model control, feedback,"
                                    + " drift monitors, retraining), which need no low latency: each task"
                                    + " flushes its buffers on a thread of its own every this many ms.");

    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key("pipeline.parallelism")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Parallelism of every operator.");

    public static final ConfigOption<Boolean> BOUNDED =
            ConfigOptions.key("source.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop at the offsets that are latest at start-up (tests, replays).");

    public static final ConfigOption<String> SPIKE_ALERTS_TOPIC =
            ConfigOptions.key("topic.spike-alerts")
                    .stringType()
                    .defaultValue("spike-alerts")
                    .withDescription(
                            "Topic of the opinion-spikes and financial-sentiment profiles' alerts"
                                    + " (SpikeAlert): a key's series far from its own baseline.");

    public static final ConfigOption<String> TICKET_EVENTS_TOPIC =
            ConfigOptions.key("topic.ticket-events")
                    .stringType()
                    .defaultValue("ticket-events")
                    .withDescription(
                            "Topic of ticket lifecycle events (JSON: ticket_id, type assigned|resolved,"
                                    + " queue, time), read by the ticket-routing profile.");

    public static final ConfigOption<String> ENTITY_SENTIMENT_TOPIC =
            ConfigOptions.key("topic.entity-sentiment")
                    .stringType()
                    .defaultValue("entity-sentiment")
                    .withDescription(
                            "Topic of the financial-sentiment profile's series (EntitySentiment): per"
                                    + " entity and window, count, mean sentiment, negative share.");
}
