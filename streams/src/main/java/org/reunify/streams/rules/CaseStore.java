package org.reunify.streams.rules;

/**
 * Where the state of the cases lives while the rules fold records into it: the stream's state stores, or the replay's
 * memory. Keys are the case id and, for what belongs to one agency, the agency id.
 */
public interface CaseStore {

    /** @return null for a case never seen */
    CaseSummary summary(String caseId);

    void putSummary(String caseId, CaseSummary summary);

    /** @return null when the agency has sent nothing about the case */
    AgencyShare share(String caseId, String agency);

    void putShare(String caseId, String agency, AgencyShare share);

    /** Whether the agency has sent a retraction under this eventId about the case, whatever became of it. */
    boolean isRetraction(String caseId, String agency, String eventId);

    /** Remembers that the agency sent a retraction under this eventId about the case. */
    void putRetraction(String caseId, String agency, String eventId);
}
