package io.nlpstream.schemas;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of a byte array that refuses any length or item count larger than the bytes
 * left: Avro allocates what a record claims before reading it, so a forged 1 GiB string would
 * otherwise exhaust the heap. Counts are checked on the assumption that every item takes at least a
 * byte, which holds for every record of this project (no arrays or maps of null).
 */
public final class LengthCheckingDecoder extends Decoder {
    private final ByteArrayInputStream bytes;
    private final BinaryDecoder in;

    public LengthCheckingDecoder(byte[] data, int offset, int length) {
        this.bytes = new ByteArrayInputStream(data, offset, length);
        this.in = DecoderFactory.get().directBinaryDecoder(bytes, null);
    }

    private int length() throws IOException {
        long n = in.readLong();
        if (n < 0 || n > bytes.available()) {
            throw new IOException(
                    "a length of " + n + " where " + bytes.available() + " bytes are left");
        }
        return (int) n;
    }

    private long count(long n) throws IOException {
        if (n > bytes.available()) {
            throw new IOException(
                    "a count of " + n + " items where " + bytes.available() + " bytes are left");
        }
        return n;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int n = length();
        Utf8 out = old == null ? new Utf8() : old;
        out.setByteLength(n);
        in.readFixed(out.getBytes(), 0, n);
        return out;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(length());
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        byte[] out = new byte[length()];
        in.readFixed(out);
        return ByteBuffer.wrap(out);
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(length());
    }

    @Override
    public long readArrayStart() throws IOException {
        return count(in.readArrayStart());
    }

    @Override
    public long arrayNext() throws IOException {
        return count(in.arrayNext());
    }

    @Override
    public long skipArray() throws IOException {
        return count(in.skipArray());
    }

    @Override
    public long readMapStart() throws IOException {
        return count(in.readMapStart());
    }

    @Override
    public long mapNext() throws IOException {
        return count(in.mapNext());
    }

    @Override
    public long skipMap() throws IOException {
        return count(in.skipMap());
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
