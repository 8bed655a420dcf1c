package org.reunify.streams.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The cases' state on the heap: for the replay, and for anyone folding a history outside the stream. */
public final class InMemoryCases implements CaseStore {

    private final Map<String, CaseSummary> summaries = new HashMap<>();
    private final Map<String, AgencyShare> shares = new HashMap<>();
    private final Set<String> retractions = new HashSet<>();

    @Override
    public CaseSummary summary(String caseId) {
        return summaries.get(caseId);
    }

    @Override
    public void putSummary(String caseId, CaseSummary summary) {
        summaries.put(caseId, summary);
    }

    @Override
    public AgencyShare share(String caseId, String agency) {
        return shares.get(StateKeys.share(caseId, agency));
    }

    @Override
    public void putShare(String caseId, String agency, AgencyShare share) {
        shares.put(StateKeys.share(caseId, agency), share);
    }

    @Override
    public boolean isRetraction(String caseId, String agency, String eventId) {
        return retractions.contains(StateKeys.retraction(caseId, agency, eventId));
    }

    @Override
    public void putRetraction(String caseId, String agency, String eventId) {
        retractions.add(StateKeys.retraction(caseId, agency, eventId));
    }

    /** Every case seen, with its summary. */
    public Map<String, CaseSummary> summaries() {
        return summaries;
    }
}
