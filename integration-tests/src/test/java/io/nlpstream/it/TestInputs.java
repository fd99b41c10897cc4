package io.nlpstream.it;

import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Real labelled sentences turned into input records of each accepted format. */
final class TestInputs {
    private TestInputs() {}

    /** The UCI sentences of one source, with their true labels by id. */
    static List<LabelledText> sentences(String source, int count) {
        List<LabelledText> all = Datasets.fromDefaultCache().uciSentiment(source);
        return all.subList(0, Math.min(count, all.size()));
    }

    /**
     * {@code count} records with distinct ids: the UCI sentences of all sources, repeated as often
     * as needed, each repetition with an id suffix of its own.
     */
    static List<LabelledText> numbered(int count) {
        List<LabelledText> all = Datasets.fromDefaultCache().uciSentiment();
        List<LabelledText> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LabelledText t = all.get(i % all.size());
            out.add(
                    new LabelledText(
                            t.id() + "#" + i / all.size(),
                            t.source(),
                            t.text(),
                            t.label(),
                            t.time()));
        }
        return out;
    }

    static Map<String, String> labelsById(List<LabelledText> texts) {
        Map<String, String> labels = new HashMap<>();
        texts.forEach(t -> labels.put(t.id(), t.label()));
        return labels;
    }

    static byte[] avro(LabelledText t) {
        TextEvent event =
                TextEvent.newBuilder()
                        .setId(t.id())
                        .setSource(t.source())
                        .setText(t.text())
                        .setEventTime(t.time())
                        .setMetadata(new HashMap<>(Map.of("dataset", t.source())))
                        .build();
        try {
            return KafkaClients.bytes(event.toByteBuffer());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] json(LabelledText t) {
        String escaped = t.text().replace("\\", "\\\\").replace("\"", "\\\"");
        return ("{\"id\":\""
                        + t.id()
                        + "\",\"text\":\""
                        + escaped
                        + "\",\"source\":\""
                        + t.source()
                        + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] plain(LabelledText t) {
        return t.text().getBytes(StandardCharsets.UTF_8);
    }

    static List<byte[]> all(
            List<LabelledText> texts, java.util.function.Function<LabelledText, byte[]> format) {
        List<byte[]> out = new ArrayList<>();
        texts.forEach(t -> out.add(format.apply(t)));
        return out;
    }
}
