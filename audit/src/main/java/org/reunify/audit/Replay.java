package org.reunify.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CaseSummary;
import org.reunify.streams.rules.CaseTables;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.LateRefusal;
import org.reunify.streams.rules.Position;
import org.reunify.streams.rules.Screening;

/**
 * The counting rules applied to a history outside the stream: every record goes through the very {@link Screening}
 * and {@link CaseFold} the topology uses, and the tallies are the sums of their changes. The records may come in any
 * order (partition after partition, say): the rules make the same of them whatever the order, as the stream does.
 */
public final class Replay {

    private final CaseLimits limits;
    private final RefusalListener listener;
    private final Predicate<String> explained;
    private final Map<String, CaseSummary> summaries = new HashMap<>();
    private final CaseTables cases = new CaseTables(
            CaseTables.Table.of(summaries), CaseTables.Table.of(new HashMap<>()), CaseTables.Table.of(new HashMap<>()));
    private final Map<String, List<CaseRecord>> explainedRecords = new TreeMap<>();
    private final Map<String, Counts> totals = new TreeMap<>();
    private final Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
    private long records;

    public Replay() {
        this(CaseLimits.DEFAULT, RefusalListener.NONE, caseId -> false);
    }

    /**
     * @param listener  told of every refused record, with where it lies
     * @param explained the cases whose records are kept, so that {@link #explain} can show them
     */
    public Replay(CaseLimits limits, RefusalListener listener, Predicate<String> explained) {
        this.limits = limits;
        this.listener = listener;
        this.explained = explained;
    }

    /** Told of each record the rules refuse, as the stream writes it to {@code reunification.rejected}. */
    public interface RefusalListener {
        RefusalListener NONE = (topic, partition, offset, refused) -> {};

        void refused(String topic, int partition, long offset, Refusal.Refused refused);
    }

    /**
     * One record of an agency topic, as the stream receives it.
     *
     * @param reportedAt the record's timestamp: the broker's append time
     */
    public void accept(String topic, int partition, long offset, byte[] key, byte[] value, long reportedAt) {
        records++;
        Screening.Result screened = Screening.screen(topic, key, value, reportedAt);
        if (screened.isRefused()) {
            refuse(topic, partition, offset, screened.refusal());
            return;
        }
        CaseRecord record = new CaseRecord(screened.event(), new Position(reportedAt, partition, offset));
        if (explained.test(record.caseId())) {
            explainedRecords
                    .computeIfAbsent(record.caseId(), caseId -> new ArrayList<>())
                    .add(record);
        }
        CaseFold.Step step = CaseFold.apply(cases, record, limits);
        if (step.refused() != null) {
            refuse(topic, partition, offset, step.refused());
        }
        for (LateRefusal late : step.lateRefusals()) {
            refuse(topic, late.position().partition(), late.position().offset(), late.refused());
        }
        step.changes().forEach((region, change) -> totals.merge(region, change, Counts::plus));
    }

    private void refuse(String topic, int partition, long offset, Refusal.Refused refused) {
        refusals.merge(refused.code(), 1L, Long::sum);
        listener.refused(topic, partition, offset, refused);
    }

    /** Every region and {@code UA}, sorted by code, as {@code reunify totals} lists them. */
    public List<Tally> tallies() {
        List<Tally> known = new ArrayList<>();
        totals.forEach((region, counts) -> known.add(counts.toTally(region)));
        return Tallies.complete(known);
    }

    /** Why a case counts where it counts, from its records; empty for a case of which no record was kept. */
    public Optional<CaseExplanation> explain(String caseId) {
        List<CaseRecord> kept = explainedRecords.get(caseId);
        if (kept == null) {
            return Optional.empty();
        }
        Map<String, AgencyShare> shares = new TreeMap<>();
        kept.forEach(record -> shares.computeIfAbsent(record.agency(), agency -> cases.share(caseId, agency)));
        return Optional.of(CaseExplanation.of(caseId, cases.summary(caseId).standing(), kept, shares));
    }

    /**
     * The cases a region's numbers are made of: those whose standing puts them there (for {@code UA}, every case that
     * counts anywhere), by case id. Only cases this replay was told to explain are looked at.
     */
    public List<CaseExplanation> explainCasesIn(String region) {
        List<CaseExplanation> behind = new ArrayList<>();
        for (String caseId : explainedRecords.keySet()) {
            CaseSummary summary = cases.summary(caseId);
            String standing = summary.standing().region();
            if (standing != null && (region.equals(standing) || region.equals(Regions.NATIONAL_CODE))) {
                explain(caseId).ifPresent(behind::add);
            }
        }
        return behind;
    }

    /** Every case seen, with what decides where it counts. */
    public Map<String, CaseSummary> cases() {
        return Collections.unmodifiableMap(summaries);
    }

    /** Records read so far, refused ones included. */
    public long records() {
        return records;
    }

    /** How many records are refused, by reason code; the stream refuses the same records. */
    public Map<Refusal, Long> refusals() {
        return Collections.unmodifiableMap(refusals);
    }
}
