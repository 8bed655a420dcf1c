package org.reunify.streams.rules;

/**
 * Where the state of the cases lives while the rules fold records into it: the stream's state stores, or the replay's
 * memory.
 */
public interface CaseStore {

    /** The case's state, which the fold changes in place; an empty one for a case never seen. */
    CaseState state(String caseId);

    /** Whether the agency has sent a retraction under this eventId about the case, whatever became of it. */
    boolean isRetraction(String caseId, String agency, String eventId);

    /** Remembers that the agency sent a retraction under this eventId about the case. */
    void putRetraction(String caseId, String agency, String eventId);
}
