package org.reunify.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Tally;

class DifferenceTest {

    private static final Instant NOON = Instant.parse("2025-12-01T12:00:00Z");

    @Test
    void equalListingsHaveNoDifference() {
        List<Tally> listing = List.of(Tally.of("UA", 2, 1, NOON), Tally.of("UA-14", 2, 1, NOON));

        assertThat(Difference.between("totals", listing, List.copyOf(listing))).isEmpty();
    }

    @Test
    void everyFigureThatDiffersIsNamedWithBothValues() {
        List<Tally> replayed = List.of(Tally.of("UA-14", 2, 1, NOON));
        List<Tally> published = List.of(Tally.of("UA-14", 3, 1, NOON));

        assertThat(Difference.between("totals", replayed, published))
                .extracting(Difference::toString)
                .containsExactly("UA-14 deported: replay 2, totals 3", "UA-14 outstanding: replay 1, totals 2");
    }

    @Test
    void aRegionMissingFromThePublishedListingIsADifference() {
        assertThat(Difference.between("tallies.json", List.of(Tally.of("UA-14", 2, 1, NOON)), List.of()))
                .extracting(Difference::published)
                .containsOnly("(no tally)");
    }

    @Test
    void aDayTheReplayDoesNotHaveIsADifference() {
        Tally day = Tally.of("UA-14", 2, 1, NOON).on(LocalDate.of(2025, 12, 3));

        assertThat(Difference.between("reunification.totals.daily", List.of(), List.of(day)))
                .extracting(Difference::toString)
                .containsExactly("UA-14/2025-12-03 tally: replay (no tally), reunification.totals.daily a tally");
    }
}
