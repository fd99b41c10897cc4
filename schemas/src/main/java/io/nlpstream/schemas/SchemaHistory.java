package io.nlpstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every published version of a record's schema ({@code history/<Name>-v<N>.avsc} on the class
 * path), so a reader resolves records written with an older version by their fingerprint ({@link
 * SingleObjectReader}).
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

    /** The 64-bit fingerprint that single-object encoding puts in front of a record. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
