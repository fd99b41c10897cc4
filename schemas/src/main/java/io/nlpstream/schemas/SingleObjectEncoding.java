package io.nlpstream.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Recognises Avro single-object encoding: the marker bytes C3 01, then the schema fingerprint. */
public final class SingleObjectEncoding {
    private static final int HEADER_BYTES = 10;

    private SingleObjectEncoding() {}

    /** True when the bytes start like an Avro single-object encoded record. */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes != null
                && bytes.length >= 2
                && bytes[0] == (byte) 0xC3
                && bytes[1] == (byte) 0x01;
    }

    /**
     * The writer schema's 64-bit fingerprint (little-endian after the marker), or 0 when the header
     * is cut short.
     */
    public static long fingerprint(byte[] bytes) {
        if (!isSingleObject(bytes) || bytes.length < HEADER_BYTES) {
            return 0;
        }
        return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
