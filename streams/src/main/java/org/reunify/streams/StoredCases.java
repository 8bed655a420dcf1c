package org.reunify.streams;

import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.CaseStore;
import org.reunify.streams.rules.CaseSummary;
import org.reunify.streams.rules.StateKeys;

/** The cases' state in the task's state stores, each logged to its changelog. */
final class StoredCases implements CaseStore {

    private static final byte[] PRESENT = new byte[0];

    private final KeyValueStore<String, CaseSummary> summaries;
    private final KeyValueStore<String, AgencyShare> shares;
    private final KeyValueStore<String, byte[]> retractions;

    StoredCases(ProcessingContext context) {
        this.summaries = context.getStateStore(ReunificationTopology.CASE_SUMMARIES);
        this.shares = context.getStateStore(ReunificationTopology.AGENCY_SHARES);
        this.retractions = context.getStateStore(ReunificationTopology.RETRACTIONS);
    }

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
        return retractions.get(StateKeys.retraction(caseId, agency, eventId)) != null;
    }

    @Override
    public void putRetraction(String caseId, String agency, String eventId) {
        retractions.put(StateKeys.retraction(caseId, agency, eventId), PRESENT);
    }
}
