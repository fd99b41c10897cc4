package io.nlpstream.schemas;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads Avro single-object encoded records written with the current schema or any version in its
 * {@link SchemaHistory}, resolved to the current class; forged lengths are refused before they are
 * allocated ({@link LengthCheckingDecoder}). Not thread-safe: one per operator instance.
 */
public final class SingleObjectReader<T extends SpecificRecord> {
    private static final int HEADER_BYTES = 10;

    private final Schema current;
    private final SchemaStore.Cache versions = new SchemaStore.Cache();
    private final Map<Long, SpecificDatumReader<T>> readers = new HashMap<>();

    public SingleObjectReader(Schema current) {
        this.current = current;
        SchemaHistory.versions(current.getName()).forEach(versions::addSchema);
        versions.addSchema(current);
    }

    /**
     * @throws MissingSchemaException when the fingerprint is of no known version
     * @throws IOException when the bytes are not a valid record of that version
     */
    public T read(byte[] value) throws IOException {
        if (!SingleObjectEncoding.isSingleObject(value) || value.length < HEADER_BYTES) {
            throw new IOException("not an Avro single-object header");
        }
        long fingerprint = SingleObjectEncoding.fingerprint(value);
        Schema writer = versions.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new MissingSchemaException(
                    String.format(
                            "fingerprint %016x is not a known version of %s",
                            fingerprint, current.getName()));
        }
        SpecificDatumReader<T> reader =
                readers.computeIfAbsent(
                        fingerprint, f -> new SpecificDatumReader<>(writer, current));
        try {
            return reader.read(
                    null,
                    new LengthCheckingDecoder(value, HEADER_BYTES, value.length - HEADER_BYTES));
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }
}
