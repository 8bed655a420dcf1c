package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TallyJsonTest {

    private static final Instant UPDATED = Instant.parse("2025-12-03T16:04:32.117Z");

    @Test
    void aTallyHasDesignsShapeAndFieldOrder() {
        Tally tally = Tally.of("UA-14", 5120, 310, UPDATED);

        assertThat(new String(TallyJson.toBytes(tally), StandardCharsets.UTF_8)).isEqualTo(
                "{\"region\":\"UA-14\",\"name\":\"Donetsk Oblast\",\"deported\":5120,\"returned\":310,"
                        + "\"outstanding\":4810,\"updatedAt\":\"2025-12-03T16:04:32.117Z\"}");
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        assertThat(TallyJson.format(Instant.parse("2025-12-03T16:04:32Z"))).isEqualTo("2025-12-03T16:04:32.000Z");
    }

    @Test
    void aTallySurvivesTheRoundTrip() {
        Tally tally = Tally.of("UA", 19_546, 1_859, UPDATED);

        assertThat(TallyJson.fromBytes(TallyJson.toBytes(tally))).isEqualTo(tally);
        assertThat(TallyJson.fromJsonArray(TallyJson.toJsonArray(List.of(tally, Tally.empty(Regions.NATIONAL)))))
                .containsExactly(tally, Tally.empty(Regions.NATIONAL));
    }

    @Test
    void aTallyNeverHasNegativeOrInconsistentFigures() {
        assertThatThrownBy(() -> Tally.of("UA-14", 1, 2, UPDATED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tally("UA-14", "Donetsk Oblast", 5, 1, 3, UPDATED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TallyJson.fromBytes("{\"region\":\"UA\"}".getBytes())).hasMessageContaining("lacks");
    }

    @Test
    void aCompleteListingHasEveryRegionAndUaSortedByCode() {
        List<Tally> rows = Tallies.complete(List.of(Tally.of("UA-14", 3, 1, UPDATED), Tally.of("UA", 3, 1, UPDATED)));

        assertThat(rows).hasSize(28);
        assertThat(rows).extracting(Tally::region).isSorted().startsWith("UA", "UA-05");
        assertThat(rows.get(0)).isEqualTo(Tally.of("UA", 3, 1, UPDATED));
        assertThat(rows).filteredOn(t -> t.region().equals("UA-09")).containsExactly(Tally.empty(Regions.byCode("UA-09").orElseThrow()));
    }
}
