package io.nlpstream.operators.parsing;

import java.util.Arrays;
import java.util.Objects;

/** An input record exactly as Kafka delivered it, before any parsing. A Flink POJO. */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;

    /** Kafka record timestamp, epoch milliseconds: the moment the record entered the pipeline. */
    public long timestamp;

    public byte[] value;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, long timestamp, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.value = value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RawRecord other)) {
            return false;
        }
        return partition == other.partition
                && offset == other.offset
                && timestamp == other.timestamp
                && Objects.equals(topic, other.topic)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
