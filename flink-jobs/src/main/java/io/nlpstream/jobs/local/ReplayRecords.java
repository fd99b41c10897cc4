package io.nlpstream.jobs.local;

import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Random;

/** Builds the record values the local run sends to the input topic. */
public final class ReplayRecords {
    private ReplayRecords() {}

    /** Each line of the file, byte for byte (without its line break), as one record value. */
    public static List<byte[]> linesOf(Path file, int limit) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length && out.size() < limit; i++) {
            if (i == all.length || all[i] == '\n') {
                int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
                if (i < all.length || end > start) {
                    byte[] line = new byte[end - start];
                    System.arraycopy(all, start, line, 0, line.length);
                    out.add(line);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * Labelled texts as Avro TextEvents in a fixed shuffled order, repeated (with new ids) until
     * {@code limit} records; a share of malformed records is mixed in to show the dead-letter path.
     */
    public static List<byte[]> fromDataset(
            List<LabelledText> texts, int limit, double malformedShare, long seed) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("the dataset is empty");
        }
        List<LabelledText> shuffled = new ArrayList<>(texts);
        Random random = new Random(seed);
        Collections.shuffle(shuffled, random);
        List<byte[]> out = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            if (random.nextDouble() < malformedShare) {
                out.add(malformed(i));
                continue;
            }
            LabelledText t = shuffled.get(i % shuffled.size());
            int round = i / shuffled.size();
            HashMap<String, String> metadata = new HashMap<>();
            metadata.put("dataset", t.source());
            TextEvent event =
                    TextEvent.newBuilder()
                            .setId(round == 0 ? t.id() : t.id() + "#" + round)
                            .setSource(t.source())
                            .setText(t.text())
                            .setEventTime(0)
                            .setMetadata(metadata)
                            .build();
            out.add(encode(event));
        }
        return out;
    }

    private static byte[] malformed(int i) {
        return switch (i % 3) {
            case 0 -> new byte[] {'b', 'a', 'd', (byte) 0xC3, 0x28};
            case 1 -> "{\"id\": \"broken-json\", \"text\": ".getBytes(StandardCharsets.UTF_8);
            default -> new byte[0];
        };
    }

    private static byte[] encode(TextEvent event) {
        try {
            return KafkaClients.bytes(event.toByteBuffer());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + event.getId(), e);
        }
    }
}
