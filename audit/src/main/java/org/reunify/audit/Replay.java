package org.reunify.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CaseState;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.LateRefusal;
import org.reunify.streams.rules.Position;
import org.reunify.streams.rules.Screening;

/**
 * The counting rules applied to a history outside the stream: every record goes through the very {@link Screening}
 * and {@link CaseFold} the topology uses, and the tallies are the sums of their changes. The records may come in any
 * order (partition after partition, say): the rules make the same of them whatever the order, as the stream does.
 *
 * <p>{@link #accept} folds every case into one group held on the heap. {@link HistoryReader} instead folds the cases
 * in groups ({@link #startGroup}), a few at a time and on several threads, letting go of each group's cases once it is
 * folded, so that a replay of millions of cases holds a few groups' cases.
 */
public final class Replay {

    private final CaseLimits limits;
    private final RefusalListener listener;
    private final Predicate<String> explained;
    private final Map<Integer, CaseGroup> groups = new ConcurrentSkipListMap<>();
    private final CaseGroup inMemory;

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
        this.inMemory = startGroup(0);
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
        CaseRecord record = read(inMemory, topic, partition, offset, key, value, reportedAt);
        if (record != null) {
            fold(inMemory, topic, record);
        }
        tellRefusals();
    }

    /** Forgets every group folded so far, for a reader that reads the history again from its start. */
    void startOver() {
        groups.clear();
    }

    /** A group of cases to fold, in place of any earlier group of that number. */
    CaseGroup startGroup(int number) {
        CaseGroup group = new CaseGroup();
        groups.put(number, group);
        return group;
    }

    /**
     * Counts a record where it lies, in {@code group}, and screens it.
     *
     * @return the record, to be folded with its case; null when refused
     */
    CaseRecord read(
            CaseGroup group, String topic, int partition, long offset, byte[] key, byte[] value, long reportedAt) {
        group.records++;
        Screening.Result screened = Screening.screen(topic, key, value, reportedAt);
        if (screened.isRefused()) {
            group.refuse(topic, partition, offset, screened.refusal());
            return null;
        }
        return new CaseRecord(screened.event(), new Position(reportedAt, partition, offset));
    }

    /**
     * Folds a record read, counted and screened on another group's partition into {@code group}, its case's; a record
     * screening refused was refused there.
     */
    void foldMoved(
            CaseGroup group, String topic, int partition, long offset, byte[] key, byte[] value, long reportedAt) {
        Screening.Result screened = Screening.screen(topic, key, value, reportedAt);
        if (!screened.isRefused()) {
            fold(group, topic, new CaseRecord(screened.event(), new Position(reportedAt, partition, offset)));
        }
    }

    void fold(CaseGroup group, String topic, CaseRecord record) {
        if (explained.test(record.caseId())) {
            group.explainedRecords
                    .computeIfAbsent(record.caseId(), caseId -> new ArrayList<>())
                    .add(record);
        }
        CaseFold.Step step = CaseFold.apply(group.cases(), record, limits);
        Position position = record.position();
        if (step.refused() != null) {
            group.refuse(topic, position.partition(), position.offset(), step.refused());
        }
        for (LateRefusal late : step.lateRefusals()) {
            group.refuse(topic, late.position().partition(), late.position().offset(), late.refused());
        }
        step.changes().forEach((region, change) -> group.totals.merge(region, change, Counts::plus));
        step.destinationChanges()
                .forEach((destination, change) -> group.destinationTotals.merge(destination, change, Counts::plus));
        group.days.add(step.days());
        step.timelineChanges().forEach((month, change) -> group.timeline.merge(month, change, Counts::plus));
    }

    /** Tells the listener of the refusals found so far; once every group's figures are final. */
    void tellRefusals() {
        groups.values().forEach(group -> {
            group.notices.forEach(
                    notice -> listener.refused(notice.topic(), notice.partition(), notice.offset(), notice.refused()));
            group.notices.clear();
        });
    }

    /** Every region and {@code UA}, sorted by code, as {@code reunify totals} lists them. */
    public List<Tally> tallies() {
        List<Tally> known = new ArrayList<>();
        sum(group -> group.totals).forEach((region, counts) -> known.add(counts.toTally(region)));
        return Tallies.complete(known);
    }

    /** Every destination seen and {@code UNKNOWN}, sorted by code (rule 7). */
    public List<Tally> destinationTallies() {
        List<Tally> known = new ArrayList<>();
        sum(group -> group.destinationTotals)
                .forEach((destination, counts) -> known.add(counts.toTally(Breakdown.destination, destination)));
        return Tallies.completeDestinations(known);
    }

    /**
     * Each region's tally at the end of every Kyiv day on which it changed, sorted by date, then region: the history
     * as of each day's end.
     */
    public List<Tally> dailyTallies() {
        DailySeries series = new DailySeries();
        groups.values().forEach(group -> series.addAll(group.days));
        return series.tallies();
    }

    /**
     * Rule 8's timeline: every region's (and {@code UA}'s) months with a case taken or returned, sorted by month
     * ({@code UNKNOWN} last), then region.
     */
    public List<TimelineEntry> timeline() {
        List<TimelineEntry> entries = new ArrayList<>();
        sum(group -> group.timeline).forEach((key, counts) -> {
            if (counts.deported() != 0 || counts.returned() != 0) {
                int slash = key.indexOf('/');
                entries.add(TimelineEntry.of(
                        key.substring(0, slash), key.substring(slash + 1), counts.deported(), counts.returned()));
            }
        });
        return Tallies.sortedTimeline(entries);
    }

    private Map<String, Counts> sum(Function<CaseGroup, Map<String, Counts>> figures) {
        Map<String, Counts> totals = new TreeMap<>();
        groups.values()
                .forEach(group ->
                        figures.apply(group).forEach((key, counts) -> totals.merge(key, counts, Counts::plus)));
        return totals;
    }

    /** Why a case counts where it counts, from its records; empty for a case of which no record was kept. */
    public Optional<CaseExplanation> explain(String caseId) {
        for (CaseGroup group : groups.values()) {
            List<CaseRecord> kept = group.explainedRecords.get(caseId);
            if (kept != null) {
                CaseState state = group.cases().state(caseId);
                Map<String, AgencyShare> shares = new TreeMap<>();
                kept.forEach(record -> shares.computeIfAbsent(record.agency(), state::share));
                return Optional.of(CaseExplanation.of(caseId, state.summary().standing(), kept, shares));
            }
        }
        return Optional.empty();
    }

    /**
     * The cases a region's numbers are made of: those whose standing puts them there (for {@code UA}, every case that
     * counts anywhere), by case id. Only cases this replay was told to explain are looked at.
     */
    public List<CaseExplanation> explainCasesIn(String region) {
        Map<String, CaseExplanation> behind = new TreeMap<>();
        for (CaseGroup group : groups.values()) {
            for (String caseId : group.explainedRecords.keySet()) {
                String standing =
                        group.cases().state(caseId).summary().standing().region();
                if (standing != null && (region.equals(standing) || region.equals(Regions.NATIONAL_CODE))) {
                    explain(caseId).ifPresent(explanation -> behind.put(caseId, explanation));
                }
            }
        }
        return List.copyOf(behind.values());
    }

    /** Records read so far, refused ones included. */
    public long records() {
        return groups.values().stream().mapToLong(group -> group.records).sum();
    }

    /** How many records are refused, by reason code; the stream refuses the same records. */
    public Map<Refusal, Long> refusals() {
        Map<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
        groups.values()
                .forEach(group -> group.refusals.forEach((code, count) -> refusals.merge(code, count, Long::sum)));
        return Collections.unmodifiableMap(refusals);
    }
}
