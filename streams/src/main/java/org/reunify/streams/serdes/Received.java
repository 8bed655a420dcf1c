package org.reunify.streams.serdes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A record of an agency topic on its way to the task that folds its case: where it lies in the history, and its
 * original value. The coordinates travel in the value the stream itself writes, not in headers, so that nothing an
 * agency puts in its own headers can change what is counted or where a refusal points.
 *
 * @param value the original value; null for a record without one
 */
public record Received(String topic, int partition, long offset, long reportedAt, byte[] value) {

    private static final byte VERSION = 1;

    public byte[] toBytes() {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        int length = value == null ? -1 : value.length;
        ByteBuffer buffer = ByteBuffer.allocate(
                1 + Short.BYTES + name.length + Integer.BYTES + 2 * Long.BYTES + Integer.BYTES + Math.max(0, length));
        buffer.put(VERSION)
                .putShort((short) name.length)
                .put(name)
                .putInt(partition)
                .putLong(offset)
                .putLong(reportedAt)
                .putInt(length);
        if (value != null) {
            buffer.put(value);
        }
        return buffer.array();
    }

    /** @throws IllegalStateException for bytes the topology did not write: its own topic was written by someone else */
    public static Received fromBytes(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (buffer.get() != VERSION) {
                throw new IllegalStateException("not a version " + VERSION + " received record");
            }
            byte[] name = new byte[within(buffer, buffer.getShort())];
            buffer.get(name);
            int partition = buffer.getInt();
            long offset = buffer.getLong();
            long reportedAt = buffer.getLong();
            int length = buffer.getInt();
            byte[] value = null;
            if (length >= 0) {
                value = new byte[within(buffer, length)];
                buffer.get(value);
            }
            if (buffer.hasRemaining()) {
                throw new IllegalStateException(buffer.remaining() + " bytes after a received record");
            }
            return new Received(new String(name, StandardCharsets.UTF_8), partition, offset, reportedAt, value);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "a record on the case-events topic was not written by this topology: " + e.getMessage(), e);
        }
    }

    /** A length read from the bytes, if the bytes hold that many: no declared length makes this allocate more. */
    private static int within(ByteBuffer buffer, int length) {
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalStateException("a length of " + length + " with " + buffer.remaining() + " bytes left");
        }
        return length;
    }
}
