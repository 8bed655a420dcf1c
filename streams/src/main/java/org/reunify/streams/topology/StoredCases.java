package org.reunify.streams.topology;

import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.reunify.streams.rules.CaseState;
import org.reunify.streams.rules.CaseStore;
import org.reunify.streams.rules.StateKeys;

/**
 * The cases' state in the task's stores, logged to their changelogs: one value per case, read once for a record's fold
 * and written once after it ({@link #save}), and the retractions apart, by key.
 */
final class StoredCases implements CaseStore {

    private final KeyValueStore<String, CaseState> states;
    private final KeyValueStore<String, Long> retractions;
    private String caseId;
    private CaseState state;

    private StoredCases(KeyValueStore<String, CaseState> states, KeyValueStore<String, Long> retractions) {
        this.states = states;
        this.retractions = retractions;
    }

    static StoredCases of(ProcessingContext context) {
        return new StoredCases(
                context.getStateStore(ReunificationTopology.CASES),
                context.getStateStore(ReunificationTopology.RETRACTIONS));
    }

    @Override
    public CaseState state(String caseId) {
        if (!caseId.equals(this.caseId)) {
            CaseState stored = states.get(caseId);
            this.state = stored == null ? new CaseState() : stored;
            this.caseId = caseId;
        }
        return state;
    }

    /** Writes the state of the case last asked for, if the fold changed it, and forgets it. */
    void save() {
        if (state != null && state.isChanged()) {
            states.put(caseId, state);
        }
        caseId = null;
        state = null;
    }

    @Override
    public long firstRetraction(String caseId, String agency, String eventId) {
        Long first = retractions.get(StateKeys.retraction(caseId, agency, eventId));
        return first == null ? NO_RETRACTION : first;
    }

    @Override
    public void putRetraction(String caseId, String agency, String eventId, long reportedAt) {
        retractions.put(StateKeys.retraction(caseId, agency, eventId), reportedAt);
    }
}
