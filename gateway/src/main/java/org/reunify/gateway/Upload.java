package org.reunify.gateway;

import java.util.UUID;
import org.reunify.producers.InputFormat;

/**
 * One request to publish: what it says it holds and how it asks to be treated.
 *
 * @param login the agency login it carried, null on an open cluster
 * @param client the address it came from
 * @param idempotencyKey the {@code Idempotency-Key} it carried, or null
 * @param confirms the upload id of the dry run whose bytes it publishes (the page's confirmation), or null
 */
record Upload(
        String id,
        String agency,
        String login,
        String client,
        InputFormat format,
        boolean gzip,
        boolean dryRun,
        Atomic atomic,
        String idempotencyKey,
        String confirms) {

    /** What to publish when some lines are refused. */
    enum Atomic {
        /** Nothing: the default, so that a file is published whole or not at all. */
        ALL("all"),
        /** The valid lines. */
        VALID_ONLY("valid-only");

        final String value;

        Atomic(String value) {
            this.value = value;
        }

        static Atomic of(String value) {
            for (Atomic atomic : values()) {
                if (atomic.value.equals(value)) {
                    return atomic;
                }
            }
            throw new IllegalArgumentException("atomic is all or valid-only, not '" + value + "'");
        }
    }

    /** A new upload id: random, so that an id tells nothing of others' uploads. */
    static String newId() {
        return "u-" + UUID.randomUUID();
    }
}
