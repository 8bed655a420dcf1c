package org.reunify.schemas;

/** Bytes that are not an event this build can read; {@link #refused()} says why, for {@code reunification.rejected}. */
public final class UndecodableEventException extends Exception {

    private final Refusal.Refused refused;

    UndecodableEventException(Refusal.Refused refused, Throwable cause) {
        super(refused.reason(), cause);
        this.refused = refused;
    }

    /** {@code UNDECODABLE} or {@code UNKNOWN_SCHEMA}, with what was wrong. */
    public Refusal.Refused refused() {
        return refused;
    }

    /** {@code UNDECODABLE: …} or {@code UNKNOWN_SCHEMA: …}. */
    public String reason() {
        return refused.reason();
    }
}
