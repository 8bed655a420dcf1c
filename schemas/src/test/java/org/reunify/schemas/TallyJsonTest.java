package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TallyJsonTest {

    private static final Instant UPDATED = Instant.parse("2025-12-03T16:04:32.117Z");

    @Test
    void aTallyHasDesignsShapeAndFieldOrder() {
        Tally tally = Tally.of("UA-14", 5120, 310, UPDATED);

        assertThat(new String(TallyJson.toBytes(tally), StandardCharsets.UTF_8))
                .isEqualTo("{\"region\":\"UA-14\",\"name\":\"Donetsk Oblast\",\"deported\":5120,\"returned\":310,"
                        + "\"outstanding\":4810,\"updatedAt\":\"2025-12-03T16:04:32.117Z\"}");
    }

    @Test
    void aTimelineEntryHasDesignsShapeAndSurvivesTheRoundTrip() {
        TimelineEntry entry = TimelineEntry.of("UA-14", "2022-04", 120, 4);

        assertThat(new String(TallyJson.toBytes(entry), StandardCharsets.UTF_8))
                .isEqualTo("{\"region\":\"UA-14\",\"name\":\"Donetsk Oblast\",\"month\":\"2022-04\",\"taken\":120,"
                        + "\"returned\":4}");
        assertThat(TallyJson.timelineFromBytes(TallyJson.toBytes(entry))).isEqualTo(entry);
        assertThat(TimelineEntry.of("UA", TimelineEntry.UNKNOWN_MONTH, 3, 0).key())
                .isEqualTo("UA/UNKNOWN");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"region\":\"UA-14\",\"name\":\"x\",\"month\":\"2022-13\",\"taken\":1,\"returned\":0}",
                "{\"region\":\"UA-14\",\"name\":\"x\",\"month\":\"someday\",\"taken\":1,\"returned\":0}",
                "{\"region\":\"UA-99\",\"name\":\"x\",\"month\":\"2022-04\",\"taken\":1,\"returned\":0}",
                "{\"region\":\"UA-14\",\"name\":\"x\",\"month\":\"2022-04\",\"taken\":-1,\"returned\":0}",
                "{\"region\":\"UA-14\",\"name\":\"x\",\"month\":\"2022-04\",\"taken\":1}"
            })
    void aMalformedTimelineEntryIsRefused(String malformed) {
        assertThatThrownBy(() -> TallyJson.timelineFromBytes(malformed.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedTallyException.class);
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
        assertThatThrownBy(() -> new Tally(Breakdown.region, "UA-14", null, "Donetsk Oblast", 5, 1, 3, UPDATED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TallyJson.fromBytes("{\"region\":\"UA\"}".getBytes()))
                .hasMessageContaining("lacks");
    }

    /** Each holds {@code Zz9} where it goes wrong, so that a message quoting the bytes would show it. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"region\":\"UA-14\",\"name\":\"Donetsk "
                        + "Oblast\",\"deported\":3,\"returned\":1,\"outstanding\":2,\"updatedAt\":\"Zz9\"}",
                "{\"region\":\"UA-14\",\"name\":\"Donetsk "
                        + "Oblast\",\"deported\":3,\"returned\":1,\"outstanding\":2,\"updatedAt\":9}",
                "{\"region\":\"UA-14\",\"name\":\"Donetsk "
                        + "Oblast\",\"deported\":3,\"returned\":1,\"outstanding\":2,\"Zz9\":null}",
                "{\"region\":\"UA-14\",\"name\":\"Donetsk "
                        + "Oblast\",\"deported\":\"Zz9\",\"returned\":1,\"outstanding\":2,\"updatedAt\":null}",
                "{\"region\":\"UA-14\",\"name\":\"Donetsk "
                        + "Oblast\",\"deported\":3.5,\"returned\":1,\"outstanding\":2,\"updatedAt\":null}",
                "{\"region\":\"UA-14\",\"name\":\"Donetsk "
                        + "Oblast\",\"deported\":99999999999999999999,\"returned\":1,\"outstanding\":2,"
                        + "\"updatedAt\":null}",
                "{\"region\":\"UA-14\",\"name\":\"Donetsk "
                        + "Oblast\",\"deported\":3,\"returned\":4,\"outstanding\":-1,\"updatedAt\":null}",
                "{\"region\":\"UA-Zz9\",\"name\":\"Donetsk "
                        + "Oblast\",\"deported\":3,\"returned\":1,\"outstanding\":2,\"updatedAt\":null}",
                "{\"region\":14,\"name\":\"Donetsk "
                        + "Oblast\",\"deported\":3,\"returned\":1,\"outstanding\":2,\"updatedAt\":null}",
                "{\"region\":\"UA-14\",\"region\":\"Zz9\"}",
                "[\"Zz9\"]",
                "null",
                "",
                "Zz9 is not JSON",
                "{\"region\":\"UA-14\", Zz9"
            })
    void aMalformedTallyIsRefusedWithAMessageThatSaysWhyButNeverQuotesIt(String malformed) {
        assertThatThrownBy(() -> TallyJson.fromBytes(malformed.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedTallyException.class)
                .hasNoCause()
                .message()
                .isNotBlank()
                .doesNotContain("Zz9")
                .doesNotContain("99999")
                .doesNotContain("3.5");
    }

    @Test
    void aListingWithOneMalformedTallyIsRefusedWhole() {
        String listing = TallyJson.toJsonArray(List.of(Tally.of("UA", 3, 1, UPDATED)))
                .replace("2025-12-03T16:04:32.117Z", "Zz9");

        assertThatThrownBy(() -> TallyJson.fromJsonArray(listing))
                .isInstanceOf(MalformedTallyException.class)
                .hasMessageContaining("updatedAt");
        assertThatThrownBy(() -> TallyJson.fromJsonArray("{}")).isInstanceOf(MalformedTallyException.class);
    }

    @Test
    void aCompleteListingHasEveryRegionAndUaSortedByCode() {
        List<Tally> rows = Tallies.complete(List.of(Tally.of("UA-14", 3, 1, UPDATED), Tally.of("UA", 3, 1, UPDATED)));

        assertThat(rows).hasSize(28);
        assertThat(rows).extracting(Tally::code).isSorted().startsWith("UA", "UA-05");
        assertThat(rows.get(0)).isEqualTo(Tally.of("UA", 3, 1, UPDATED));
        assertThat(rows)
                .filteredOn(t -> t.code().equals("UA-09"))
                .containsExactly(Tally.empty(Regions.byCode("UA-09").orElseThrow()));
    }
}
