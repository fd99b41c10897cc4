package io.nlpstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.junit.jupiter.api.Test;

class SingleObjectReaderTest {
    private final SingleObjectReader<TextEvent> reader =
            new SingleObjectReader<>(TextEvent.getClassSchema());

    @Test
    void readsTheCurrentVersion() throws Exception {
        TextEvent event = SampleRecords.textEvent();
        assertThat(reader.read(bytes(event.toByteBuffer()))).isEqualTo(event);
    }

    @Test
    void readsTheFirstVersionWithTheNewFieldsDefaults() throws Exception {
        Schema v1 = SchemaHistory.versions("TextEvent").get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "old-1");
        old.put("source", "feed");
        old.put("text", "hello");
        old.put("event_time", 5L);
        old.put("ingest_time", 0L);
        old.put("metadata", Map.of());
        byte[] value =
                bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old));

        // The generated decoder alone knows only the current version.
        assertThatThrownBy(() -> TextEvent.getDecoder().decode(value))
                .isInstanceOf(MissingSchemaException.class);
        TextEvent event = reader.read(value);
        assertThat(event.getId()).isEqualTo("old-1");
        assertThat(event.getReportedEventTime()).isNull();
    }

    @Test
    void anUnknownFingerprintIsAMissingSchema() throws Exception {
        byte[] value = bytes(SampleRecords.textEvent().toByteBuffer());
        value[4] ^= 0x10;
        assertThatThrownBy(() -> reader.read(value))
                .isInstanceOf(MissingSchemaException.class)
                .hasMessageEndingWith("is not a known version of TextEvent");
    }

    @Test
    void aForgedLengthIsRefusedWithoutAllocatingIt() throws Exception {
        byte[] header = Arrays.copyOf(bytes(SampleRecords.textEvent().toByteBuffer()), 10);
        byte[] value = Arrays.copyOf(header, 16);
        // id: a length of 2^30 (zig-zag varint), then one byte
        byte[] forged = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 'a'};
        System.arraycopy(forged, 0, value, 10, forged.length);

        long before = allocatedBytes();
        assertThatThrownBy(() -> reader.read(value))
                .isInstanceOf(IOException.class)
                .hasMessage("a length of 1073741824 where 1 bytes are left");
        assertThat(allocatedBytes() - before).isLessThan(16L << 20);
    }

    @Test
    void aCutHeaderIsRefused() {
        assertThatThrownBy(() -> reader.read(new byte[] {(byte) 0xC3, 0x01, 1, 2}))
                .isInstanceOf(IOException.class);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
