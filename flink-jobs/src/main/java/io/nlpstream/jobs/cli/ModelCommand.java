package io.nlpstream.jobs.cli;

import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.schemas.ModelUpdate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nlp-stream model}: manual model commands for a running job, sent on its control topic. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description =
                "Send a model command to a running job: rollback (serve the previous model again),"
                        + " promote --bundle DIR, shadow --bundle DIR, stop-shadow.")
final class ModelCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "rollback, promote, shadow or stop-shadow")
    String action;

    @Option(
            names = "--bootstrap-servers",
            required = true,
            description = "Kafka bootstrap servers of the job.")
    String bootstrapServers;

    @Option(
            names = "--topic",
            defaultValue = "model-control",
            description = "The job's control topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--model-id",
            required = true,
            description = "Id of the model the command is about.")
    String modelId;

    @Option(
            names = "--version",
            defaultValue = "",
            description = "Version of the bundle, for promote and shadow.")
    String version;

    @Option(names = "--bundle", description = "Bundle directory, for promote and shadow.")
    String bundle;

    @Option(
            names = "--reason",
            defaultValue = "manual command",
            description = "Why, for the record.")
    String reason;

    @Option(
            names = "--kafka-property",
            description =
                    "A Kafka client setting, key=value (repeatable), e.g. security.protocol=SASL_SSL;"
                            + " the job takes the same as --kafka.properties.KEY VALUE.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        String command =
                switch (action.toLowerCase(Locale.ROOT)) {
                    case "rollback" -> "ROLLBACK";
                    case "promote" -> "PROMOTE";
                    case "shadow" -> "SHADOW_START";
                    case "stop-shadow" -> "SHADOW_STOP";
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown action '"
                                            + action
                                            + "': use rollback, promote, shadow or stop-shadow");
                };
        if ((command.equals("PROMOTE") || command.equals("SHADOW_START")) && bundle == null) {
            throw new IllegalArgumentException(action + " needs --bundle DIR");
        }
        ModelUpdate update =
                ModelUpdate.newBuilder()
                        .setCommand(command)
                        .setModelId(modelId)
                        .setVersion(version)
                        .setBundleUri(bundle)
                        .setReason(reason)
                        .setIssuedBy("operator")
                        .setTime(System.currentTimeMillis())
                        .build();
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(bootstrapServers, kafkaProperties)) {
            producer.send(new ProducerRecord<>(topic, KafkaClients.bytes(update.toByteBuffer())))
                    .get();
        }
        System.out.println(
                "sent "
                        + command
                        + " for "
                        + modelId
                        + " to "
                        + topic
                        + "; the job acknowledges it on the same topic");
        return 0;
    }
}
