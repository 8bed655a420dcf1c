package org.reunify.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Region;
import org.reunify.schemas.Regions;
import org.reunify.schemas.ReunifyVersion;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * The benchmark's history: {@code cases} cases over {@code agencies} agencies, 2.5 events per case, with every kind of
 * noise the counting rules must see through, laid out so that the exact totals are known without running the rules.
 *
 * <p>Of every ten cases (by index): all ten are reported deported by one agency in their region; one is also
 * returned; six are reported again by another agency (a cross-agency duplicate); two have their report re-delivered
 * (the same event twice); three get a report in a wrong region that the agency retracts (report and retraction,
 * in either order). That is 25 events per ten cases. The retracted report is never live, so every case counts once,
 * in its own region, whatever order the broker appends the events in. The events are shuffled within blocks of
 * cases, and generated as they are published.
 */
final class BenchHistory implements Iterable<ReunificationEvent> {

    private static final LocalDate OCCURRED = LocalDate.of(2022, 5, 1);
    private static final LocalDate RETURNED = LocalDate.of(2025, 12, 1);
    /** Events are shuffled within blocks of this many cases, so a million events never sit in memory at once. */
    private static final int BLOCK = 10_000;

    private final String casePrefix;
    private final int cases;
    private final long seed;
    private final List<String> agencies;
    private final List<EventFactory> factories;
    private final List<Region> regions = Regions.all();

    BenchHistory(int cases, int agencyCount, long seed) {
        this("b", cases, agencyCount, seed);
    }

    /** @param casePrefix begins every case id, so that two histories in one cluster have no case in common */
    BenchHistory(String casePrefix, int cases, int agencyCount, long seed) {
        if (agencyCount < 2) {
            throw new IllegalArgumentException(
                    "the history needs at least two agencies for its cross-agency duplicates");
        }
        if (cases < 1) {
            throw new IllegalArgumentException("the history needs at least one case");
        }
        this.casePrefix = casePrefix;
        this.cases = cases;
        this.seed = seed;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= agencyCount; i++) {
            names.add(String.format("bench-%02d", i));
        }
        this.agencies = List.copyOf(names);
        String publisher = ReunifyVersion.publisher("bench");
        this.factories = agencies.stream()
                .map(agency -> new EventFactory(agency, publisher))
                .toList();
    }

    List<String> agencies() {
        return agencies;
    }

    int cases() {
        return cases;
    }

    /** How many events the history has: 25 per ten cases. */
    long size() {
        long size = 0;
        for (int kind = 0; kind < 10; kind++) {
            long casesOfKind = cases / 10 + (kind < cases % 10 ? 1 : 0);
            size += casesOfKind * eventsOfKind(kind);
        }
        return size;
    }

    private static int eventsOfKind(int kind) {
        return 1
                + (kind == 0 ? 1 : 0)
                + (kind >= 1 && kind <= 6 ? 1 : 0)
                + (kind == 7 || kind == 8 ? 1 : 0)
                + (kind <= 2 ? 2 : 0);
    }

    /**
     * How many of its events name a region: all but the retractions, which the stock count has nothing to count for.
     */
    long regionEvents() {
        long retractions = 0;
        for (int kind = 0; kind <= 2; kind++) {
            retractions += cases / 10 + (kind < cases % 10 ? 1 : 0);
        }
        return size() - retractions;
    }

    /** The n-th event of the latency probe: a new case, deported from the region. */
    static ReunificationEvent probeEvent(String agency, long n, String region) {
        return new EventFactory(agency, ReunifyVersion.publisher("bench"))
                .deportation("p-" + n, String.format("p-%08d", n), region, OCCURRED, "RU");
    }

    /** Deported and returned per region code, {@code UA} included, as the counting rules must find them. */
    Map<String, long[]> expected() {
        Map<String, long[]> expected = new TreeMap<>();
        Random random = new Random(seed);
        for (int i = 0; i < cases; i++) {
            CasePlan plan = plan(random);
            long[] counts = expected.computeIfAbsent(regions.get(plan.region()).code(), code -> new long[2]);
            counts[0]++;
            counts[1] += i % 10 == 0 ? 1 : 0;
        }
        long[] national = new long[2];
        expected.values().forEach(counts -> {
            national[0] += counts[0];
            national[1] += counts[1];
        });
        expected.put(Regions.NATIONAL_CODE, national);
        return expected;
    }

    /** What is random about a case: its region, the agency that reports it, and the one that reports it again. */
    private record CasePlan(int region, int first, int second) {}

    /** The one place that draws from the history's random sequence, so the events and the expected totals agree. */
    private CasePlan plan(Random random) {
        int region = random.nextInt(regions.size());
        int first = random.nextInt(agencies.size());
        int second = (first + 1 + random.nextInt(agencies.size() - 1)) % agencies.size();
        return new CasePlan(region, first, second);
    }

    @Override
    public Iterator<ReunificationEvent> iterator() {
        Random random = new Random(seed);
        Random shuffle = new Random(seed + 1);
        return new Iterator<>() {
            private int nextCase;
            private Iterator<ReunificationEvent> block = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!block.hasNext() && nextCase < cases) {
                    List<ReunificationEvent> events = new ArrayList<>(BLOCK * 3);
                    int end = Math.min(cases, nextCase + BLOCK);
                    for (; nextCase < end; nextCase++) {
                        writeCase(nextCase, random, events);
                    }
                    Collections.shuffle(events, shuffle);
                    block = events.iterator();
                }
                return block.hasNext();
            }

            @Override
            public ReunificationEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return block.next();
            }
        };
    }

    /** One case's events. */
    private void writeCase(int i, Random random, List<ReunificationEvent> events) {
        CasePlan plan = plan(random);
        String caseId = String.format("%s-%08d", casePrefix, i);
        String region = regions.get(plan.region()).code();
        EventFactory reporter = factories.get(plan.first());
        ReunificationEvent report = reporter.deportation("d-" + i, caseId, region, OCCURRED, "RU");
        events.add(report);
        int kind = i % 10;
        if (kind == 0) {
            events.add(reporter.returned("r-" + i, caseId, region, RETURNED));
        }
        if (kind >= 1 && kind <= 6) {
            events.add(factories.get(plan.second()).deportation("x-" + i, caseId, region, OCCURRED, "RU"));
        }
        if (kind == 7 || kind == 8) {
            events.add(report);
        }
        if (kind <= 2) {
            String wrong = regions.get((plan.region() + 1) % regions.size()).code();
            events.add(reporter.deportation("w-" + i, caseId, wrong, OCCURRED, "BY"));
            events.add(reporter.retraction("t-" + i, caseId, "w-" + i, "wrong region"));
        }
    }
}
