package org.reunify.streams.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.LongConsumer;

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

    /**
     * Rules 3, 4, 7 and 8 over the case's records appended up to {@code time}: where the history as it stood then
     * counted the case. The shares hold what that needs, since every refusal but {@code RETRACTS_RETRACTION} follows
     * from the records lying before the refused one, and that one keeps the time from which it holds (decision #34).
     * Only the counting is as of then: the standing names no regions or destinations and has no {@code updatedAt}.
     */
    CaseStanding standingAsOf(long time) {
        Report latestDeportation = null;
        Report latestReturn = null;
        for (int i = 0; i < agencies.length; i++) {
            AgencyReports reports = shares[i].reportsAsOf(agencies[i], time);
            latestDeportation = Report.later(latestDeportation, reports.latestDeportation());
            latestReturn = Report.later(latestReturn, reports.latestReturn());
        }
        return new CaseStanding(latestDeportation, latestReturn, Set.of(), Set.of(), Counts.NEVER);
    }

    /**
     * Every append time at which the history's standing of the case can have changed: those of its records within the
     * limits, and those at which a refusal that waited for a later retraction took effect.
     */
    void forEachChangeTime(LongConsumer times) {
        for (AgencyShare share : shares) {
            for (AgencyShare.Slot slot : share.slots()) {
                for (AgencyShare.Kept kept : slot.kept()) {
                    times.accept(kept.position().reportedAt());
                    if (!kept.counts()) {
                        times.accept(kept.refusedFrom());
                    }
                }
            }
        }
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
