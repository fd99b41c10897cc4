package io.nlpstream.operators.parsing;

import io.nlpstream.schemas.SchemaHistory;
import io.nlpstream.schemas.SingleObjectEncoding;
import io.nlpstream.schemas.TextEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Reads an Avro single-object encoded TextEvent written with any published version of its schema,
 * found by the fingerprint in the header and resolved to the current version.
 */
final class AvroEventReader {
    private static final int HEADER_BYTES = 10;

    private final SchemaStore versions = SchemaHistory.store("TextEvent");
    private final Map<Long, SpecificDatumReader<TextEvent>> readers = new HashMap<>();

    TextEvent read(byte[] value) throws MalformedInputException {
        if (value.length < HEADER_BYTES) {
            throw new MalformedInputException(
                    "invalid Avro TextEvent: header of " + value.length + " bytes, not 10");
        }
        long fingerprint = SingleObjectEncoding.fingerprint(value);
        Schema writer = versions.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new MalformedInputException(
                    String.format(
                            "unknown TextEvent schema: fingerprint %016x is not a known version",
                            fingerprint));
        }
        SpecificDatumReader<TextEvent> reader =
                readers.computeIfAbsent(
                        fingerprint,
                        f -> new SpecificDatumReader<>(writer, TextEvent.getClassSchema()));
        try {
            return reader.read(
                    null,
                    new LengthCheckingDecoder(value, HEADER_BYTES, value.length - HEADER_BYTES));
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage();
            throw new MalformedInputException(
                    "invalid Avro TextEvent: "
                            + (message == null ? e.getClass().getSimpleName() : message),
                    e);
        }
    }
}
