package io.nlpstream.operators.parsing;

import io.nlpstream.schemas.SingleObjectEncoding;
import io.nlpstream.schemas.SingleObjectReader;
import io.nlpstream.schemas.TextEvent;
import java.io.IOException;
import org.apache.avro.message.MissingSchemaException;

/** Reads an Avro single-object TextEvent of any published schema version, or says why not. */
final class AvroEventReader {
    private final SingleObjectReader<TextEvent> reader =
            new SingleObjectReader<>(TextEvent.getClassSchema());

    TextEvent read(byte[] value) throws MalformedInputException {
        try {
            return reader.read(value);
        } catch (MissingSchemaException e) {
            throw new MalformedInputException(
                    String.format(
                            "unknown TextEvent schema: fingerprint %016x is not a known version",
                            SingleObjectEncoding.fingerprint(value)),
                    e);
        } catch (IOException e) {
            String message = e.getMessage();
            throw new MalformedInputException(
                    "invalid Avro TextEvent: "
                            + (message == null ? e.getClass().getSimpleName() : message),
                    e);
        }
    }
}
