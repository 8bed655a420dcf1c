package org.reunify.dashboard.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Tally;

class DailyTablesTest {

    private static final LocalDate DEC_1 = LocalDate.parse("2025-12-01");
    private static final LocalDate DEC_2 = LocalDate.parse("2025-12-02");
    private static final LocalDate DEC_3 = LocalDate.parse("2025-12-03");
    private static final Instant AT = Instant.parse("2025-12-01T10:00:00Z");

    @Test
    void aRegionsTallyIsCarriedForwardOverDaysOnWhichItDidNotChange() {
        SortedMap<LocalDate, List<Tally>> series =
                DailyTables.carryForward(List.of(dated(DEC_1, "UA-14", 10), dated(DEC_3, "UA-14", 12)), DEC_1, DEC_3);

        assertThat(deported(series, DEC_2, "UA-14")).isEqualTo(10);
        assertThat(deported(series, DEC_3, "UA-14")).isEqualTo(12);
    }

    @Test
    void everyDayHasTheCompleteTableWithEmptyTalliesBeforeARegionsFirstChange() {
        SortedMap<LocalDate, List<Tally>> series =
                DailyTables.carryForward(List.of(dated(DEC_2, "UA-14", 10)), DEC_1, DEC_3);

        assertThat(series.keySet()).containsExactly(DEC_1, DEC_2, DEC_3);
        assertThat(series.values()).allSatisfy(table -> assertThat(table).hasSize(28));
        assertThat(deported(series, DEC_1, "UA-14")).isZero();
    }

    @Test
    void aSeriesStartingAfterAChangeStartsFromIt() {
        SortedMap<LocalDate, List<Tally>> series =
                DailyTables.carryForward(List.of(dated(DEC_1, "UA-14", 10)), DEC_3, DEC_3);

        assertThat(deported(series, DEC_3, "UA-14")).isEqualTo(10);
    }

    @Test
    void aSeriesThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> DailyTables.carryForward(List.of(), DEC_3, DEC_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after it ends");
    }

    @Test
    void eachDayIsSuppressedAsATableOfItsOwn() {
        SortedMap<LocalDate, List<Tally>> series = DailyTables.carryForward(
                List.of(
                        dated(DEC_1, "UA-14", 40),
                        dated(DEC_1, "UA", 40),
                        dated(DEC_2, "UA-32", 3),
                        dated(DEC_2, "UA", 43)),
                DEC_1,
                DEC_2);

        SortedMap<LocalDate, List<PublishedTally>> published =
                DailyTables.publish(series, new SuppressedTable(new Suppression(5)));

        assertThat(TestTables.row(published.get(DEC_1), "UA-14").hidden()).isFalse();
        assertThat(TestTables.row(published.get(DEC_2), "UA-14").hidden()).isTrue();
        assertThat(TestTables.row(published.get(DEC_2), "UA-32").hidden()).isTrue();
    }

    private static Tally dated(LocalDate day, String region, long deported) {
        return Tally.of(region, deported, 0, AT).on(day);
    }

    private static long deported(SortedMap<LocalDate, List<Tally>> series, LocalDate day, String region) {
        return series.get(day).stream()
                .filter(tally -> tally.code().equals(region))
                .findFirst()
                .orElseThrow()
                .deported();
    }
}
