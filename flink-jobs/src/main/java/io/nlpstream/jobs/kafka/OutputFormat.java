package io.nlpstream.jobs.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** How output records are written to Kafka: Avro single-object encoding or readable JSON. */
public enum OutputFormat {
    AVRO,
    JSON;

    public static OutputFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "output.format must be 'avro' or 'json', was '" + name + "'");
        }
    }

    /** Encodes one record; the encoder is created by the caller once per schema. */
    public byte[] encode(SpecificRecord record, BinaryMessageEncoder<SpecificRecord> avroEncoder) {
        if (this == JSON) {
            return SpecificData.get().toString(record).getBytes(StandardCharsets.UTF_8);
        }
        try {
            ByteBuffer buffer = avroEncoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode " + record.getSchema().getFullName(), e);
        }
    }
}
