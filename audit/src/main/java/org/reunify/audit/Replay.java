package org.reunify.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.reunify.schemas.Regions;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseHistory;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.Screening;

/**
 * The counting rules applied to a history outside the stream: every record goes through the very
 * {@link Screening} and {@link CaseFold} the topology uses, and the tallies are the sums of their changes. The
 * replay holds every case in memory, which is what lets an auditor ask about any of them afterwards.
 */
public final class Replay {

    private final Map<String, CaseHistory> cases = new HashMap<>();
    private final Map<String, Counts> totals = new TreeMap<>();
    private final Map<String, Long> refusals = new TreeMap<>();
    private long records;

    /**
     * One record of an agency topic, as the stream receives it.
     *
     * @param reportedAt the record's timestamp: the broker's append time
     */
    public void accept(String topic, byte[] key, byte[] value, long reportedAt) {
        records++;
        Screening.Result screened = Screening.screen(topic, key, value, reportedAt);
        if (screened.isRefused()) {
            refuse(screened.refusal());
            return;
        }
        CaseFold.Step step = CaseFold.apply(cases.get(screened.event().caseId()), screened.event());
        if (step.admission().isRefusal()) {
            refuse(step.admission().name());
            return;
        }
        cases.put(step.history().caseId(), step.history());
        step.changes().forEach((region, change) -> totals.merge(region, change, Counts::plus));
    }

    private void refuse(String reason) {
        int colon = reason.indexOf(':');
        refusals.merge(colon < 0 ? reason : reason.substring(0, colon), 1L, Long::sum);
    }


    /** Every region and {@code UA}, sorted by code, as {@code reunify totals} lists them. */
    public List<Tally> tallies() {
        List<Tally> known = new ArrayList<>();
        totals.forEach((region, counts) -> known.add(counts.toTally(region)));
        return Tallies.complete(known);
    }

    public Optional<CaseHistory> caseHistory(String caseId) {
        return Optional.ofNullable(cases.get(caseId));
    }

    /**
     * The cases a region's numbers are made of: those whose standing puts them there (for {@code UA}, every case that
     * counts anywhere), by case id.
     */
    public List<CaseHistory> casesIn(String region) {
        List<CaseHistory> behind = new ArrayList<>();
        for (CaseHistory history : cases.values()) {
            String standing = history.standing().region();
            if (standing != null && (region.equals(standing) || region.equals(Regions.NATIONAL_CODE))) {
                behind.add(history);
            }
        }
        behind.sort((a, b) -> a.caseId().compareTo(b.caseId()));
        return behind;
    }

    public Collection<CaseHistory> cases() {
        return cases.values();
    }

    /** Records read so far, refused ones included. */
    public long records() {
        return records;
    }

    /** How many records the rules refused, by reason code ({@code CONFLICTING_DUPLICATE}, …); the stream refuses the same. */
    public Map<String, Long> refusals() {
        return Map.copyOf(refusals);
    }
}
