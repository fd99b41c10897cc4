package io.nlpstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {

    @Test
    void theNewestTextEventVersionIsTheCurrentSchema() {
        // Fails when TextEvent.avsc changes without its new version being added to the history.
        List<Schema> versions = SchemaHistory.versions("TextEvent");
        assertThat(versions).hasSizeGreaterThanOrEqualTo(2);
        assertThat(SchemaHistory.fingerprint(versions.get(versions.size() - 1)))
                .isEqualTo(SchemaHistory.fingerprint(TextEvent.getClassSchema()));
    }

    @Test
    void everyTextEventVersionIsReadableByTheCurrentSchema() {
        for (Schema writer : SchemaHistory.versions("TextEvent")) {
            assertThat(
                            SchemaCompatibility.checkReaderWriterCompatibility(
                                            TextEvent.getClassSchema(), writer)
                                    .getType())
                    .as("current TextEvent reads %s", writer)
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void theFingerprintInTheHeaderIsTheSchemasFingerprint() throws Exception {
        byte[] bytes = SampleRecords.textEvent().toByteBuffer().array();
        assertThat(SingleObjectEncoding.fingerprint(bytes))
                .isEqualTo(SchemaHistory.fingerprint(TextEvent.getClassSchema()));
        assertThat(SingleObjectEncoding.fingerprint(new byte[] {(byte) 0xC3, 0x01, 7})).isZero();
    }

    @Test
    void recordsWithoutHistoryHaveNoVersions() {
        assertThat(SchemaHistory.versions("Prediction")).isEmpty();
    }
}
