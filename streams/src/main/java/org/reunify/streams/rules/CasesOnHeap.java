package org.reunify.streams.rules;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The cases' state on the heap, one entry per case holding its summary, its agencies' shares and its retractions: a
 * record's fold asks for its case several times, and finds it with one map lookup and no composite keys, where keyed
 * tables ({@link CaseTables}) take a lookup and a key per value. The replay's store.
 */
public final class CasesOnHeap implements CaseStore {

    private final Map<String, Case> cases = new HashMap<>();
    private String lastCaseId;
    private Case lastCase;

    /** One case: a case has a few agencies, so their shares are kept side by side rather than in a map. */
    private static final class Case {
        CaseSummary summary;
        String[] agencies = new String[0];
        AgencyShare[] shares = new AgencyShare[0];
        Set<String> retractions;

        int agencyIndex(String agency) {
            for (int i = 0; i < agencies.length; i++) {
                if (agencies[i].equals(agency)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private Case find(String caseId) {
        if (caseId.equals(lastCaseId)) {
            return lastCase;
        }
        Case found = cases.get(caseId);
        if (found != null) {
            lastCaseId = caseId;
            lastCase = found;
        }
        return found;
    }

    private Case findOrAdd(String caseId) {
        Case found = find(caseId);
        if (found == null) {
            found = new Case();
            cases.put(caseId, found);
            lastCaseId = caseId;
            lastCase = found;
        }
        return found;
    }

    @Override
    public CaseSummary summary(String caseId) {
        Case found = find(caseId);
        return found == null ? null : found.summary;
    }

    @Override
    public void putSummary(String caseId, CaseSummary summary) {
        findOrAdd(caseId).summary = summary;
    }

    @Override
    public AgencyShare share(String caseId, String agency) {
        Case found = find(caseId);
        if (found == null) {
            return null;
        }
        int index = found.agencyIndex(agency);
        return index < 0 ? null : found.shares[index];
    }

    @Override
    public void putShare(String caseId, String agency, AgencyShare share) {
        Case found = findOrAdd(caseId);
        int index = found.agencyIndex(agency);
        if (index < 0) {
            index = found.agencies.length;
            found.agencies = Arrays.copyOf(found.agencies, index + 1);
            found.shares = Arrays.copyOf(found.shares, index + 1);
            found.agencies[index] = agency;
        }
        found.shares[index] = share;
    }

    @Override
    public boolean isRetraction(String caseId, String agency, String eventId) {
        Case found = find(caseId);
        return found != null
                && found.retractions != null
                && found.retractions.contains(StateKeys.event(agency, eventId));
    }

    @Override
    public void putRetraction(String caseId, String agency, String eventId) {
        Case found = findOrAdd(caseId);
        if (found.retractions == null) {
            found.retractions = new HashSet<>();
        }
        found.retractions.add(StateKeys.event(agency, eventId));
    }
}
