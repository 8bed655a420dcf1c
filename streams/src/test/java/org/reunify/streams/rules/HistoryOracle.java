package org.reunify.streams.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;

/**
 * docs/DESIGN.md's counting rules written as plainly as they can be, over a whole history at once and in its own order,
 * with no state, no increments and no limits on memory: the reference the stream and the replay, which fold one record
 * at a time in whatever order they read, are checked against.
 */
public final class HistoryOracle {

    private final CaseLimits limits;
    private final List<CaseRecord> history;
    private final Map<CaseRecord, Set<Refusal>> causes = new LinkedHashMap<>();

    public HistoryOracle(List<CaseRecord> history, CaseLimits limits) {
        this.limits = limits;
        this.history = new ArrayList<>(history);
        this.history.sort(Comparator.comparing(CaseRecord::caseId)
                .thenComparing(CaseRecord::agency)
                .thenComparing(CaseRecord::position));
        this.history.forEach(record -> causes.put(record, causesOf(record)));
    }

    /** Every rule that refuses the record; empty for a record that is an event or a copy of one. */
    public Set<Refusal> causes(CaseRecord record) {
        return causes.get(record);
    }

    /** The refused records, each with every rule that refuses it. */
    public Map<CaseRecord, Set<Refusal>> refused() {
        Map<CaseRecord, Set<Refusal>> refused = new LinkedHashMap<>();
        causes.forEach((record, reasons) -> {
            if (!reasons.isEmpty()) {
                refused.put(record, reasons);
            }
        });
        return refused;
    }

    private Set<Refusal> causesOf(CaseRecord record) {
        List<CaseRecord> before = sameAgencyAndCase(record).stream()
                .filter(other -> other.position().isBefore(record.position()))
                .toList();
        String eventId = record.event().ref().eventId();
        Set<Refusal> reasons = EnumSet.noneOf(Refusal.class);
        long otherEventIds = before.stream()
                .map(other -> other.event().ref().eventId())
                .filter(id -> !id.equals(eventId))
                .distinct()
                .count();
        long sameEventId = before.stream()
                .filter(other -> other.event().ref().eventId().equals(eventId))
                .count();
        if (otherEventIds >= limits.eventsPerAgency() || sameEventId >= limits.recordsPerEvent()) {
            reasons.add(Refusal.CASE_LIMIT);
        }
        if (before.stream()
                .anyMatch(other -> other.event().ref().eventId().equals(eventId)
                        && !other.event().equals(record.event()))) {
            reasons.add(Refusal.CONFLICTING_DUPLICATE);
        }
        if (record.event().kind() == EventKind.REPORT_RETRACTED
                && sameAgencyAndCase(record).stream()
                        .anyMatch(other -> other.event().kind() == EventKind.REPORT_RETRACTED
                                && other.event()
                                        .ref()
                                        .eventId()
                                        .equals(record.event().retracts()))) {
            reasons.add(Refusal.RETRACTS_RETRACTION);
        }
        return reasons;
    }

    private List<CaseRecord> sameAgencyAndCase(CaseRecord record) {
        return history.stream()
                .filter(other ->
                        other.caseId().equals(record.caseId()) && other.agency().equals(record.agency()))
                .toList();
    }

    /** The events of the history: for each agency, case and eventId, its first record, unless a rule refuses it. */
    public List<CaseRecord> events() {
        Map<List<String>, CaseRecord> first = new LinkedHashMap<>();
        history.forEach(record -> first.putIfAbsent(
                List.of(record.caseId(), record.agency(), record.event().ref().eventId()), record));
        return first.values().stream()
                .filter(record -> causes(record).isEmpty())
                .toList();
    }

    /** The tallies of every region a record named and of {@code UA}, as rules 3 to 6 and decision #2 make them. */
    public Map<String, Counts> tallies() {
        return tallies(Counted::region, true);
    }

    /** The tallies of every destination a record could give its case, as rule 7 makes them. */
    public Map<String, Counts> destinationTallies() {
        return tallies(Counted::destination, false);
    }

    private Map<String, Counts> tallies(Function<Counted, String> key, boolean national) {
        Map<String, List<CaseRecord>> byCase = new TreeMap<>();
        history.forEach(record -> byCase.computeIfAbsent(record.caseId(), caseId -> new ArrayList<>())
                .add(record));
        Map<String, Counts> tallies = new TreeMap<>();
        byCase.values().forEach(records -> {
            Set<String> named = new HashSet<>();
            long updatedAt = Counts.NEVER;
            for (CaseRecord record : records) {
                updatedAt = Math.max(updatedAt, record.position().reportedAt());
                CaseEvent event = record.event();
                if (event.kind().isReport()) {
                    named.add(key.apply(new Counted(event.region(), destinationOf(event), Counts.NONE, null, null)));
                }
            }
            if (named.isEmpty()) {
                return;
            }
            Counts touched = new Counts(0, 0, updatedAt);
            named.forEach(tally -> tallies.merge(tally, touched, Counts::plus));
            if (national) {
                tallies.merge(Regions.NATIONAL_CODE, touched, Counts::plus);
            }
            standing(records).ifPresent(counted -> {
                tallies.merge(key.apply(counted), counted.counts(), Counts::plus);
                if (national) {
                    tallies.merge(Regions.NATIONAL_CODE, counted.counts(), Counts::plus);
                }
            });
        });
        return tallies;
    }

    /**
     * Rule 8: for each region (and {@code UA}) and month, the counted cases taken then (as {@code deported}) and the
     * returned ones returned then, keyed {@code REGION/YYYY-MM}; only months with a case.
     */
    public Map<String, Counts> timeline() {
        Map<String, List<CaseRecord>> byCase = new TreeMap<>();
        history.forEach(record -> byCase.computeIfAbsent(record.caseId(), caseId -> new ArrayList<>())
                .add(record));
        Map<String, Counts> timeline = new TreeMap<>();
        byCase.values()
                .forEach(records -> standing(records).ifPresent(counted -> {
                    for (String region : List.of(counted.region(), Regions.NATIONAL_CODE)) {
                        timeline.merge(
                                TimelineEntry.key(region, counted.monthTaken()),
                                new Counts(1, 0, Counts.NEVER),
                                Counts::plus);
                        if (counted.monthReturned() != null) {
                            timeline.merge(
                                    TimelineEntry.key(region, counted.monthReturned()),
                                    new Counts(0, 1, Counts.NEVER),
                                    Counts::plus);
                        }
                    }
                }));
        return timeline;
    }

    /**
     * The rules written plainly once per Kyiv day: each region's (and {@code UA}'s) tally as of the end of every day
     * on which it differs from the day before (from nothing before its first). The counts are the history's as of the
     * day's end; {@code updatedAt} is that of the latest valid report naming the region (any region, for {@code UA})
     * appended by then (decision #34).
     */
    public static SortedMap<LocalDate, Map<String, Counts>> asOfEveryDay(List<CaseRecord> history, CaseLimits limits) {
        SortedSet<LocalDate> days = new TreeSet<>();
        history.forEach(record -> days.add(Tally.dayOf(record.position().reportedAt())));
        Map<String, Counts> dayBefore = new HashMap<>();
        SortedMap<LocalDate, Map<String, Counts>> changed = new TreeMap<>();
        for (LocalDate day : days) {
            List<CaseRecord> asOf = history.stream()
                    .filter(record ->
                            !Tally.dayOf(record.position().reportedAt()).isAfter(day))
                    .toList();
            Map<String, Counts> tallies = new TreeMap<>();
            new HistoryOracle(asOf, limits)
                    .tallies()
                    .forEach((region, counts) ->
                            tallies.put(region, new Counts(counts.deported(), counts.returned(), Counts.NEVER)));
            for (CaseRecord record : asOf) {
                if (record.event().kind().isReport()) {
                    Counts touch = new Counts(0, 0, record.position().reportedAt());
                    tallies.merge(record.event().region(), touch, Counts::plus);
                    tallies.merge(Regions.NATIONAL_CODE, touch, Counts::plus);
                }
            }
            tallies.forEach((region, counts) -> {
                if (!counts.equals(dayBefore.getOrDefault(region, Counts.NONE))) {
                    changed.computeIfAbsent(day, d -> new TreeMap<>()).put(region, counts);
                }
                dayBefore.put(region, counts);
            });
        }
        return changed;
    }

    /** Rule 7: a return, or a deportation naming no destination, leaves the destination unknown. */
    private static String destinationOf(CaseEvent event) {
        return event.destination() == null ? "UNKNOWN" : event.destination();
    }

    private record Counted(String region, String destination, Counts counts, String monthTaken, String monthReturned) {}

    /** Rules 2 to 4 for one case: its events are the first records of their eventIds that no rule refuses. */
    private Optional<Counted> standing(List<CaseRecord> records) {
        Map<EventRef, CaseRecord> events = new HashMap<>();
        for (CaseRecord record : records) {
            events.merge(
                    record.event().ref(),
                    record,
                    (one, other) -> one.position().isBefore(other.position()) ? one : other);
        }
        events.values().removeIf(first -> !causes(first).isEmpty());
        Set<EventRef> withdrawn = new HashSet<>();
        events.values().stream()
                .filter(event -> event.event().kind() == EventKind.REPORT_RETRACTED)
                .forEach(retraction -> withdrawn.add(retraction.event().target()));
        Comparator<CaseRecord> latest = Comparator.comparingLong(
                        (CaseRecord event) -> event.position().reportedAt())
                .thenComparing(event -> event.event().ref());
        List<CaseRecord> live = events.values().stream()
                .filter(event -> event.event().kind().isReport()
                        && !withdrawn.contains(event.event().ref()))
                .toList();
        Optional<CaseRecord> deportation = live.stream()
                .filter(e -> e.event().kind() == EventKind.DEPORTATION_REPORTED)
                .max(latest);
        Optional<CaseRecord> returned = live.stream()
                .filter(e -> e.event().kind() == EventKind.RETURN_CONFIRMED)
                .max(latest);
        String monthReturned = returned.map(
                        back -> TimelineEntry.monthOf(back.event().occurredOn()))
                .orElse(null);
        String monthTaken = deportation
                .map(taken -> TimelineEntry.monthOf(taken.event().occurredOn()))
                .orElse(TimelineEntry.UNKNOWN_MONTH);
        return deportation
                .or(() -> returned)
                .map(decisive -> new Counted(
                        decisive.event().region(),
                        destinationOf(decisive.event()),
                        new Counts(1, returned.isPresent() ? 1 : 0, Counts.NEVER),
                        monthTaken,
                        monthReturned));
    }
}
