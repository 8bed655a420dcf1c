package org.reunify.streams.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random histories of valid records over small id spaces, so that cases, eventIds, append times and regions collide:
 * copies, conflicting versions, retractions of reports and of retractions, records of one agency about one case in
 * several partitions, ties in append time, and agencies that reach the limits. For property tests of the rules.
 */
public final class RandomHistories {

    private static final List<String> AGENCIES = List.of("bkb", "nib", "rchr");
    private static final List<String> REGIONS = List.of("UA-09", "UA-14", "UA-43");
    /** A deportation names one of these, or none. */
    private static final List<String> DESTINATIONS = List.of("RU", "BY", "KP");

    /** Events occurred on one of these days, in three months. */
    private static final List<LocalDate> DAYS = List.of(
            LocalDate.of(2022, 3, 18), LocalDate.of(2022, 5, 1), LocalDate.of(2022, 5, 31), LocalDate.of(2023, 1, 9));
    /** After every day an event occurred on, before the noon of a Kyiv day. */
    private static final long FIRST_APPEND = 1_764_756_000_000L;

    private static final int PARTITIONS = 3;

    private final Random random;

    public RandomHistories(Random random) {
        this.random = random;
    }

    /** A history of about {@code size} records, in no particular order, appended within a few milliseconds. */
    public List<CaseRecord> generate(int size) {
        return generate(size, 1);
    }

    /**
     * A history of about {@code size} records appended over a few days: append times {@code step} milliseconds apart
     * at most, still colliding.
     */
    public List<CaseRecord> generate(int size, long step) {
        List<CaseRecord> history = new ArrayList<>();
        Map<String, long[]> nextOffsets = new HashMap<>();
        List<CaseEvent> said = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String agency = pick(AGENCIES);
            CaseEvent event = random.nextInt(4) == 0 && !said.isEmpty() ? again(pick(said), agency) : fresh(agency);
            said.add(event);
            int partition = random.nextInt(PARTITIONS);
            long offset = nextOffsets.computeIfAbsent(agency, a -> new long[PARTITIONS])[partition]++;
            history.add(
                    new CaseRecord(event, new Position(FIRST_APPEND + step * random.nextInt(12), partition, offset)));
        }
        return history;
    }

    /** The same history in a random order of reading. */
    public List<CaseRecord> shuffled(List<CaseRecord> history) {
        List<CaseRecord> order = new ArrayList<>(history);
        Collections.shuffle(order, random);
        return order;
    }

    /** A copy of an event when the agency sent it, else a fresh event. */
    private CaseEvent again(CaseEvent earlier, String agency) {
        return earlier.ref().agency().equals(agency) ? earlier : fresh(agency);
    }

    private CaseEvent fresh(String agency) {
        String caseId = "c-" + random.nextInt(3);
        String eventId = "e-" + random.nextInt(6);
        EventRef ref = new EventRef(agency, eventId);
        return switch (random.nextInt(5)) {
            case 0 ->
                new CaseEvent(ref, caseId, EventKind.RETURN_CONFIRMED, pick(REGIONS), pick(DAYS), null, null, null);
            case 1, 2 -> {
                String target;
                do {
                    target = "e-" + random.nextInt(6);
                } while (target.equals(eventId));
                yield new CaseEvent(
                        ref,
                        caseId,
                        EventKind.REPORT_RETRACTED,
                        null,
                        null,
                        null,
                        target,
                        "reason " + random.nextInt(2));
            }
            default ->
                new CaseEvent(
                        ref,
                        caseId,
                        EventKind.DEPORTATION_REPORTED,
                        pick(REGIONS),
                        pick(DAYS),
                        random.nextInt(4) == 0 ? null : pick(DESTINATIONS),
                        null,
                        null);
        };
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
