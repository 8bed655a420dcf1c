package org.reunify.streams.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;

/**
 * One case's state but its retractions: its summary and the share of each agency that has sent records about it, kept
 * together so that folding a record finds everything with one lookup and the stream writes one value per record. Its
 * size is bounded: a share per agency, each within {@link CaseLimits}. The retractions are not here because they are
 * not bounded (an agency's retractions beyond the limits still decide {@code RETRACTS_RETRACTION}).
 */
public final class CaseState {

    private CaseSummary summary;
    private String[] agencies = new String[0];
    private AgencyShare[] shares = new AgencyShare[0];
    private boolean changed;

    /**
     * A case's state from what a store keeps of it: the summary's agencies' reports follow from their shares, so they
     * are not kept.
     *
     * @param agencies the agencies with a share, in the order of {@code shares}
     */
    public static CaseState restore(
            long updatedAt,
            SortedSet<String> namedRegions,
            SortedSet<String> namedDestinations,
            List<String> agencies,
            List<AgencyShare> shares) {
        CaseState state = new CaseState();
        state.agencies = agencies.toArray(String[]::new);
        state.shares = shares.toArray(AgencyShare[]::new);
        List<AgencyReports> reports = new ArrayList<>(agencies.size());
        for (int i = 0; i < state.agencies.length; i++) {
            AgencyReports agencyReports = state.shares[i].reports(state.agencies[i]);
            if (!agencyReports.isEmpty()) {
                reports.add(agencyReports);
            }
        }
        reports.sort(Comparator.comparing(AgencyReports::agency));
        state.summary = new CaseSummary(updatedAt, namedRegions, namedDestinations, reports);
        return state;
    }

    /** This state as a new one, which a fold can change and leave this one as it is. */
    public CaseState copy() {
        CaseState copy = new CaseState();
        copy.summary = summary;
        copy.agencies = agencies.clone();
        copy.shares = shares.clone();
        return copy;
    }

    /** @return {@link CaseSummary#EMPTY} for a case nothing has been folded into */
    public CaseSummary summary() {
        return summary == null ? CaseSummary.EMPTY : summary;
    }

    void putSummary(CaseSummary summary) {
        this.summary = summary;
        changed = true;
    }

    /** @return null when the agency has sent nothing about the case */
    public AgencyShare share(String agency) {
        int index = agencyIndex(agency);
        return index < 0 ? null : shares[index];
    }

    void putShare(String agency, AgencyShare share) {
        int index = agencyIndex(agency);
        if (index < 0) {
            index = agencies.length;
            agencies = Arrays.copyOf(agencies, index + 1);
            shares = Arrays.copyOf(shares, index + 1);
            agencies[index] = agency;
        }
        shares[index] = share;
        changed = true;
    }

    /** How many agencies have a share. */
    public int agencyCount() {
        return agencies.length;
    }

    public String agency(int index) {
        return agencies[index];
    }

    public AgencyShare share(int index) {
        return shares[index];
    }

    /** Whether a fold has changed the state since it was made or restored: only then need it be stored again. */
    public boolean isChanged() {
        return changed;
    }

    /** A case has a few agencies, so their shares are kept side by side rather than in a map. */
    private int agencyIndex(String agency) {
        for (int i = 0; i < agencies.length; i++) {
            if (agencies[i].equals(agency)) {
                return i;
            }
        }
        return -1;
    }
}
