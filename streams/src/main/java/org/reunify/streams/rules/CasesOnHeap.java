package org.reunify.streams.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The cases' state on the heap: the replay's store, and that of anyone folding a history outside the stream. */
public final class CasesOnHeap implements CaseStore {

    private final Map<String, CaseState> cases = new HashMap<>();
    private final Map<String, Long> retractions = new HashMap<>();
    private String lastCaseId;
    private CaseState lastCase;

    @Override
    public CaseState state(String caseId) {
        // A record's fold and what follows it ask for the same case again.
        if (!caseId.equals(lastCaseId)) {
            lastCase = cases.computeIfAbsent(caseId, id -> new CaseState());
            lastCaseId = caseId;
        }
        return lastCase;
    }

    @Override
    public long firstRetraction(String caseId, String agency, String eventId) {
        return retractions.getOrDefault(StateKeys.retraction(caseId, agency, eventId), NO_RETRACTION);
    }

    @Override
    public void putRetraction(String caseId, String agency, String eventId, long reportedAt) {
        retractions.put(StateKeys.retraction(caseId, agency, eventId), reportedAt);
    }

    /** Lets go of every case but these, and of every retraction: for what is read after the fold is done. */
    public void retainOnly(Set<String> caseIds) {
        cases.keySet().retainAll(caseIds);
        retractions.clear();
        lastCaseId = null;
        lastCase = null;
    }
}
