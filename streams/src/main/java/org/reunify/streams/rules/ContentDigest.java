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

    /** Length-prefixed, and null apart from empty, so that no two different events hash the same input. */
    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        sha.update(bytes);
    }
}
