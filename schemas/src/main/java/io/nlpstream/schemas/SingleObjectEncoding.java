package io.nlpstream.schemas;

/** Recognises Avro single-object encoding: the marker bytes C3 01, then the schema fingerprint. */
public final class SingleObjectEncoding {
    private SingleObjectEncoding() {}

    /** True when the bytes start like an Avro single-object encoded record. */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes != null
                && bytes.length >= 2
                && bytes[0] == (byte) 0xC3
                && bytes[1] == (byte) 0x01;
    }
}
