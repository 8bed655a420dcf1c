package org.reunify.streams.serdes;

import java.util.Arrays;

/** Bytes of a state store's value as they are written: fixed-width longs and variable-length integers. */
final class StateOut {

    private byte[] bytes;
    private int size;

    StateOut(int capacity) {
        bytes = new byte[capacity];
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    /** Seven bits a byte, least significant first: small numbers take one byte. Not for negative numbers. */
    void writeVarLong(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        bytes[size++] = (byte) rest;
    }

    /** A number of either sign, small ones in few bytes. */
    void writeZigZag(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    void writeLong(long value) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    void writeBytes(byte[] source) {
        ensure(source.length);
        System.arraycopy(source, 0, bytes, size, source.length);
        size += source.length;
    }

    void writeTo(StateOut target) {
        target.ensure(size);
        System.arraycopy(bytes, 0, target.bytes, target.size, size);
        target.size += size;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
