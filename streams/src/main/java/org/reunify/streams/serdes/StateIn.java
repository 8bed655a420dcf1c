package org.reunify.streams.serdes;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes of a state store's value as they are read, the reverse of {@link StateOut}. Every length and count is checked
 * against the bytes left, so corrupt bytes fail with a {@link SerializationException} instead of a huge allocation.
 */
final class StateIn {

    private final String what;
    private final byte[] bytes;
    private int at;

    StateIn(String what, byte[] bytes) {
        this.what = what;
        this.bytes = bytes;
    }

    int readByte() {
        need(1);
        return bytes[at++];
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int next = readByte();
            value |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new SerializationException("a variable-length number of more than ten bytes in " + what);
    }

    long readZigZag() {
        long coded = readVarLong();
        return (coded >>> 1) ^ -(coded & 1);
    }

    int readInt() {
        long value = readVarLong();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new SerializationException("a number out of range in " + what);
        }
        return (int) value;
    }

    /** A count of items that each take at least one byte: never more than the bytes left. */
    int readCount() {
        int count = readInt();
        need(count);
        return count;
    }

    long readLong() {
        need(Long.BYTES);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (bytes[at++] & 0xFF);
        }
        return value;
    }

    String readString() {
        int length = readCount();
        String text = new String(bytes, at, length, StandardCharsets.UTF_8);
        at += length;
        return text;
    }

    /** Fails unless every byte has been read. */
    void end() {
        if (at != bytes.length) {
            throw new SerializationException((bytes.length - at) + " bytes after " + what);
        }
    }

    private void need(int count) {
        if (count > bytes.length - at) {
            throw new SerializationException(what + " ends too early");
        }
    }
}
