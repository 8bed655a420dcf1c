package org.reunify.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary {@link Decoder} over a byte array that refuses, before anything is allocated, every length or item
 * count the bytes present cannot hold. The decoder Avro's single-object decoding uses checks a declared length only
 * against the JVM-wide {@code org.apache.avro.limits.*} properties (2 GiB unless set, read once per JVM), so a
 * 15-byte record declaring a 2 GiB string allocated 2 GiB. Here no string, bytes or fixed value is longer than the
 * bytes left, and all the arrays and maps of a body together hold no more items than the body has bytes (an item
 * takes at least a byte unless it is of a type like null, which no event schema puts in a collection): decoding
 * allocates in proportion to the record, whatever the JVM has configured and whichever Avro version reads.
 */
final class BoundedDecoder extends Decoder {

    private final byte[] bytes;
    private final int end;
    private int position;
    private long itemBudget;

    /** Decodes {@code bytes} from {@code offset} to their end. */
    BoundedDecoder(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.end = bytes.length;
        this.position = offset;
        this.itemBudget = end - offset;
    }

    /** Thrown for bytes that cannot be the Avro binary encoding of anything; the message says what did not fit. */
    static final class CorruptBodyException extends IOException {

        CorruptBodyException(String message) {
            super(message);
        }
    }

    @Override
    public int remainingBytes() {
        return end - position;
    }

    @Override
    public void readNull() {}

    @Override
    public boolean readBoolean() throws IOException {
        requireWidth(1, "a boolean");
        return bytes[position++] == 1;
    }

    @Override
    public int readInt() throws IOException {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = nextVarintByte();
            raw |= (b & 0x7f) << shift;
            if (b < 0x80) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptBodyException("an int encoded in more than 5 bytes");
    }

    @Override
    public long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            long b = nextVarintByte();
            raw |= (b & 0x7f) << shift;
            if (b < 0x80) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptBodyException("a long encoded in more than 10 bytes");
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat((int) readLittleEndian(Float.BYTES, "a float"));
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLittleEndian(Double.BYTES, "a double"));
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = readLength("a string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(bytes, position, result.getBytes(), 0, length);
        position += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = readLength("a string");
        String result = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return result;
    }

    @Override
    public void skipString() throws IOException {
        skip(readLength("a string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = readLength("a bytes value");
        ByteBuffer result = old != null && old.capacity() >= length ? old.clear() : ByteBuffer.allocate(length);
        result.put(bytes, position, length).flip();
        position += length;
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        skip(readLength("a bytes value"));
    }

    @Override
    public void readFixed(byte[] target, int start, int length) throws IOException {
        requireLength(length, "a fixed value");
        System.arraycopy(bytes, position, target, start, length);
        position += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        requireLength(length, "a fixed value");
        skip(length);
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return readBlockCount();
    }

    @Override
    public long arrayNext() throws IOException {
        return readBlockCount();
    }

    /** Hands the items back to be skipped one by one, which checks each of them. */
    @Override
    public long skipArray() throws IOException {
        return readBlockCount();
    }

    @Override
    public long readMapStart() throws IOException {
        return readBlockCount();
    }

    @Override
    public long mapNext() throws IOException {
        return readBlockCount();
    }

    @Override
    public long skipMap() throws IOException {
        return readBlockCount();
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /** Separate from reading the length, which moves the position too. */
    private void skip(int length) {
        position += length;
    }

    private int nextVarintByte() throws IOException {
        requireWidth(1, "a number");
        return bytes[position++] & 0xff;
    }

    private int readLength(String what) throws IOException {
        long length = readLong();
        if (length < 0) {
            throw new CorruptBodyException(what + " of negative length " + length);
        }
        requireLength(length, what);
        return (int) length;
    }

    /** Arrays and maps come in blocks: a count, its negation followed by the block's size in bytes, or 0 at the end. */
    private long readBlockCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            readLength("a block");
            count = -count;
        }
        if (count < 0 || count > itemBudget) {
            throw new CorruptBodyException(
                    "a block of " + count + " items where the body has room for " + itemBudget + " more");
        }
        itemBudget -= count;
        return count;
    }

    private void requireWidth(int width, String what) throws IOException {
        if (width > end - position) {
            throw new CorruptBodyException("the body ends inside " + what);
        }
    }

    private void requireLength(long length, String what) throws IOException {
        if (length > end - position) {
            throw new CorruptBodyException(what + " of " + length + " bytes where " + (end - position) + " remain");
        }
    }

    private long readLittleEndian(int width, String what) throws IOException {
        requireWidth(width, what);
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = value << 8 | bytes[position + i] & 0xff;
        }
        position += width;
        return value;
    }
}
