package org.reunify.producers.simulate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/** Pseudonymous case ids, {@code c-} and 12 hex digits of a seeded hash: nothing about any child. */
final class CaseIds {

    private final long seed;
    private final MessageDigest sha256 = sha256();
    private final Set<String> issued = new HashSet<>();
    private long counter;

    CaseIds(long seed) {
        this.seed = seed;
    }

    String next() {
        String id;
        do {
            id = "c-" + hash("reunify-simulate:" + seed + ":" + counter++);
        } while (!issued.add(id));
        return id;
    }

    private String hash(String text) {
        byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
