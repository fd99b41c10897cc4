package io.nlpstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every published version of a record's schema ({@code history/<Name>-v<N>.avsc} on the class
 * path), so a reader resolves records written with an older version by their fingerprint.
 */
public final class SchemaHistory {
    private static final String FOLDER = "history/";

    private SchemaHistory() {}

    /** The versions of the named record, oldest first; empty when it has no history. */
    public static List<Schema> versions(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            String resource = FOLDER + recordName + "-v" + v + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + resource, e);
            }
        }
    }

    /** A store of every version of the record, for a single-object decoder. */
    public static SchemaStore store(String recordName) {
        SchemaStore.Cache store = new SchemaStore.Cache();
        versions(recordName).forEach(store::addSchema);
        return store;
    }

    /** The 64-bit fingerprint that single-object encoding puts in front of a record. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
