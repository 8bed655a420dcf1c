package org.reunify.producers.simulate;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.reunify.schemas.ReunifyVersion;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * A synthetic, deterministic history of agency reports for {@code reunify simulate}: pseudonymous cases only,
 * with the noise real registries carry (reports of the same case by several agencies, sometimes in other
 * regions; exact re-deliveries; double entries and wrong regions retracted, some retractions arriving before
 * the report they withdraw; cases retracted altogether; returns with and without a deportation report; a few
 * conflicting re-entries under an id already used; destinations RU, BY, OCCUPIED, rarely KP, sometimes unknown).
 *
 * <p>The national totals the counting rules give for {@link #events()} are {@link #expectedDeported()} and
 * {@link #expectedReturned()} whatever the interleaving of the agencies and the append times, as long as each
 * agency's own events keep their order. The regional split depends on append times (the latest report wins)
 * and is not fixed by the scenario.
 */
public final class Scenario {

    /** Children Ukraine had identified as deported, as published for December 2025. */
    static final int DEC2025_DEPORTED = 19_546;
    /** Children returned, as published for December 2025. */
    static final int DEC2025_RETURNED = 1_859;

    private final String name;
    private final List<ReunificationEvent> events;
    private final long expectedDeported;
    private final long expectedReturned;

    private Scenario(String name, List<ReunificationEvent> events, long expectedDeported, long expectedReturned) {
        this.name = name;
        this.events = events;
        this.expectedDeported = expectedDeported;
        this.expectedReturned = expectedReturned;
    }

    /** The December 2025 published figures: 19,546 deported, 1,859 of them returned. */
    public static Scenario dec2025(long seed) {
        return generate("dec-2025", CaseMix.forTotals(DEC2025_DEPORTED, DEC2025_RETURNED), seed);
    }

    /** {@code cases} cases (retracted ones included) with the same kind of noise as {@link #dec2025}. */
    public static Scenario random(int cases, long seed) {
        return generate("random-" + cases, CaseMix.forCases(cases), seed);
    }

    private static Scenario generate(String name, CaseMix mix, long seed) {
        Random random = new Random(seed);
        List<Outcome> outcomes = mix.outcomes();
        Collections.shuffle(outcomes, random);
        CaseIds caseIds = new CaseIds(seed);
        CaseStories stories = new CaseStories(random);
        outcomes.forEach(outcome -> stories.write(caseIds.next(), outcome));
        List<ReunificationEvent> events = Timeline.publish(stories.drafts(), ReunifyVersion.publisher("simulate"));
        return new Scenario(name, events, mix.expectedDeported(), mix.expectedReturned());
    }

    public String name() {
        return name;
    }

    /** The ids of the agencies that publish in this scenario. */
    public List<String> agencies() {
        return Agency.ALL.stream().map(Agency::id).toList();
    }

    /** Every event in publication order; a re-delivered event appears twice as the very same object. */
    public List<ReunificationEvent> events() {
        return events;
    }

    /** National count of cases deported, de-duplicated across agencies, that the counting rules give. */
    public long expectedDeported() {
        return expectedDeported;
    }

    /** National count of cases returned that the counting rules give. */
    public long expectedReturned() {
        return expectedReturned;
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", " + events.size() + " events]";
    }
}
