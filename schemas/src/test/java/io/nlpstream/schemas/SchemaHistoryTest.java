package io.nlpstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
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
    void aRecordWrittenWithTheFirstVersionDecodesToTheCurrentClass() throws Exception {
        Schema v1 = SchemaHistory.versions("TextEvent").get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "old-1");
        old.put("source", "feed");
        old.put("text", "Written before reported_event_time existed.");
        old.put("event_time", 1_000L);
        old.put("ingest_time", 0L);
        old.put("metadata", Map.of("tier", "gold"));
        ByteBuffer bytes =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);

        // The generated decoder alone knows only the current version.
        assertThatThrownBy(() -> TextEvent.getDecoder().decode(bytes.duplicate()))
                .isInstanceOf(MissingSchemaException.class);

        BinaryMessageDecoder<TextEvent> decoder =
                TextEvent.createDecoder(SchemaHistory.store("TextEvent"));
        TextEvent event = decoder.decode(bytes.duplicate());
        assertThat(event.getId()).isEqualTo("old-1");
        assertThat(event.getText()).isEqualTo("Written before reported_event_time existed.");
        assertThat(event.getEventTime()).isEqualTo(1_000L);
        assertThat(event.getMetadata()).containsEntry("tier", "gold");
        assertThat(event.getReportedEventTime()).isNull();
    }

    @Test
    void aRecordWithAnUnknownFingerprintIsRefused() throws Exception {
        byte[] bytes = SampleRecords.textEvent().toByteBuffer().array().clone();
        bytes[2] ^= 0x5A; // corrupt the fingerprint
        BinaryMessageDecoder<TextEvent> decoder =
                TextEvent.createDecoder(SchemaHistory.store("TextEvent"));
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOf(MissingSchemaException.class);
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
