package org.reunify.schemas;

import java.util.Optional;

/**
 * Why a record on an agency topic is refused: the code that starts every {@code reason} header on
 * {@code reunification.rejected}. The stream, the replay and the documentation take them from here.
 */
public enum Refusal {
    OVERSIZED("the record's key or value is larger than " + Refusal.MAX_RECORD_PART_BYTES / 1024
            + " KiB, compressed or not"),
    UNDECODABLE("the value is not an event in Avro single-object encoding"),
    UNKNOWN_SCHEMA("the value names a writer schema that is not a frozen version of ReunificationEvent"),
    KEY_MISMATCH("the record has no key, or its key is not the event's caseId"),
    AGENCY_MISMATCH("the event names another agency than the topic it arrived on"),
    INVALID_EVENT("the event breaks a field rule of docs/DESIGN.md"),
    CONFLICTING_DUPLICATE("an earlier record of the same agency, case and eventId says something else"),
    RETRACTS_RETRACTION(
            "the retraction names an event of which the agency sent a retraction: a retraction cannot be retracted"),
    CASE_LIMIT("the agency has sent more about this case than the per-agency limit of the case's history holds");

    /** Largest key, and largest value, the stream reads whole: valid events are far smaller. */
    public static final int MAX_RECORD_PART_BYTES = 64 * 1024;

    private final String meaning;

    Refusal(String meaning) {
        this.meaning = meaning;
    }

    /** What the code means, in one line, for documentation and {@code --help}. */
    public String meaning() {
        return meaning;
    }

    /** The refusal of one record: this code and what exactly was wrong. */
    public Refused because(String detail) {
        return new Refused(this, detail);
    }

    /** The code a {@code reason} header starts with; empty for a header no version of the stream wrote. */
    public static Optional<Refusal> ofReason(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        int colon = reason.indexOf(':');
        String code = colon < 0 ? reason : reason.substring(0, colon);
        for (Refusal refusal : values()) {
            if (refusal.name().equals(code)) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    /**
     * One refused record's reason.
     *
     * @param detail the sentence after the code; it names fields and rules, never a case id's value
     */
    public record Refused(Refusal code, String detail) {

        /** The {@code reason} header: the code, a colon, the detail. */
        public String reason() {
            return code.name() + ": " + detail;
        }

        @Override
        public String toString() {
            return reason();
        }
    }
}
