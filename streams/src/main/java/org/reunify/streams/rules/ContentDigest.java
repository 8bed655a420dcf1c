package org.reunify.streams.rules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The first 128 bits of the SHA-256 of what an event says (everything but who published it with which program, and
 * when): two records with the same digest are copies of one event, two with different digests are different events
 * (rule 1). Kept instead of the content itself, so that a case's state holds no free text.
 */
public record ContentDigest(long high, long low) {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private static final ThreadLocal<byte[]> FIELD = ThreadLocal.withInitial(() -> new byte[256]);

    static ContentDigest of(CaseEvent event) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        field(sha, event.ref().agency());
        field(sha, event.ref().eventId());
        field(sha, event.caseId());
        field(sha, event.kind().name());
        field(sha, event.region());
        field(sha, event.occurredOn() == null ? null : event.occurredOn().toString());
        field(sha, event.destination());
        field(sha, event.retracts());
        field(sha, event.reason());
        ByteBuffer hash = ByteBuffer.wrap(sha.digest());
        return new ContentDigest(hash.getLong(), hash.getLong());
    }

    /**
     * Length-prefixed, and null apart from empty, so that no two different events hash the same input. Written through
     * one buffer per thread, as one update: every record is digested, and a byte array per field showed in profiles.
     */
    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        byte[] buffer = FIELD.get();
        int length = value.length() <= buffer.length - 5 ? ascii(value, buffer) : -1;
        if (length < 0) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            buffer = new byte[utf8.length + 5];
            System.arraycopy(utf8, 0, buffer, 5, utf8.length);
            length = utf8.length;
        }
        buffer[0] = 1;
        buffer[1] = (byte) (length >>> 24);
        buffer[2] = (byte) (length >>> 16);
        buffer[3] = (byte) (length >>> 8);
        buffer[4] = (byte) length;
        sha.update(buffer, 0, length + 5);
    }

    /** The value's UTF-8 bytes after the buffer's 5-byte prefix, when it is ASCII (as ids and codes are); else -1. */
    private static int ascii(String value, byte[] buffer) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            buffer[5 + i] = (byte) c;
        }
        return value.length();
    }
}
