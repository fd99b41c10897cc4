package io.nlpstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record type travels through Flink with the Avro serializer (no Kryo) and over Kafka. */
class RecordSerializationTest {

    static Stream<Object> records() {
        return SampleRecords.all().stream();
    }

    @ParameterizedTest
    @MethodSource("records")
    void flinkUsesAvroSerializerWithoutKryo(Object record) throws Exception {
        @SuppressWarnings("unchecked")
        Class<Object> type = (Class<Object>) record.getClass();
        TypeInformation<Object> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(AvroTypeInfo.class);

        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // any Kryo fallback throws
        TypeSerializer<Object> serializer = info.createSerializer(config);

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(record, out);
        Object copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(copy).isEqualTo(record);
    }

    @ParameterizedTest
    @MethodSource("records")
    void singleObjectEncodingRoundTrips(Object record) throws Exception {
        SpecificRecordBase avro = (SpecificRecordBase) record;
        ByteBuffer bytes = (ByteBuffer) avro.getClass().getMethod("toByteBuffer").invoke(avro);
        // The single-object header: marker C3 01 then the schema fingerprint.
        assertThat(bytes.get(0)).isEqualTo((byte) 0xC3);
        assertThat(bytes.get(1)).isEqualTo((byte) 0x01);
        Object decoded =
                avro.getClass().getMethod("fromByteBuffer", ByteBuffer.class).invoke(null, bytes);
        assertThat(decoded).isEqualTo(record);
    }
}
