package org.reunify.streams.rules;

/** What the rules make of an event arriving for a case. */
public enum Admission {
    /** A new event: part of the case from now on. */
    ACCEPTED,
    /** A second copy of an event already seen: ignored (rule 1). */
    DUPLICATE,
    /** A different event under an (agency, eventId) already seen for the case: refused (rule 1). */
    CONFLICTING_DUPLICATE,
    /** A retraction naming a retraction already seen: refused, since a retraction cannot be retracted (rule 2). */
    RETRACTS_RETRACTION;

    public boolean isRefusal() {
        return this == CONFLICTING_DUPLICATE || this == RETRACTS_RETRACTION;
    }

    /** The reason a refused event is refused, as {@code reunification.rejected} records it. */
    public String reason(CaseEvent event) {
        return switch (this) {
            case CONFLICTING_DUPLICATE -> name() + ": " + event.ref() + " was already accepted for this case with different content";
            case RETRACTS_RETRACTION -> name() + ": " + event.target() + " is itself a retraction, and a retraction cannot be retracted";
            default -> throw new IllegalStateException(name() + " is not a refusal");
        };
    }
}
