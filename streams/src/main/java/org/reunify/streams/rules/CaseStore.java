package org.reunify.streams.rules;

/**
 * Where the state of the cases lives while the rules fold records into it: the stream's state stores, or the replay's
 * memory.
 */
public interface CaseStore {

    /** {@link #firstRetraction} of an eventId under which no retraction was read. */
    long NO_RETRACTION = Long.MAX_VALUE;

    /** The case's state, which the fold changes in place; an empty one for a case never seen. */
    CaseState state(String caseId);

    /**
     * The append time of the first retraction record the agency sent about the case under this eventId, whatever became
     * of it; {@link #NO_RETRACTION} if none.
     */
    long firstRetraction(String caseId, String agency, String eventId);

    /** Remembers that the agency sent a retraction under this eventId about the case, first appended at that time. */
    void putRetraction(String caseId, String agency, String eventId, long reportedAt);
}
