package org.reunify.schemas;

/** Bytes that are not an event this build can read; {@link #reason()} says why, for {@code reunification.rejected}. */
public final class UndecodableEventException extends Exception {

    private final String reason;

    UndecodableEventException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** {@code UNDECODABLE: …} or {@code UNKNOWN_SCHEMA: …}. */
    public String reason() {
        return reason;
    }
}
