package org.reunify.dashboard.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reunify.dashboard.disclosure.TestTables.table;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reunify.schemas.Tally;

/**
 * Published tables attacked by {@link ExhaustiveReader}: no hidden count may come out as one value, from one table,
 * from two consecutive ones, or from a daily series. The reader is tested too: it does pin what older, weaker
 * publications gave away.
 */
class SuppressionAttackTest {

    private static final SuppressedTable BELOW_5 = new SuppressedTable(new Suppression(5));
    private static final SuppressedTable BELOW_10 = new SuppressedTable(new Suppression(10));

    @Test
    void oneSmallRegionCannotBeWorkedOutFromTheNationalFigure() {
        assertThat(ExhaustiveReader.pinned(BELOW_5.publish(table("UA-14 3/1", "UA-32 400/20", "UA-46 90/0"))))
                .isEmpty();
    }

    @Test
    void twoSmallRegionsWhoseSumIsFixedCannotBeSplit() {
        // 2 + 3 = 5 deported: with K = 5, both "<5" and the sum 5 leave 1+4, 2+3, 3+2, 4+1.
        assertThat(ExhaustiveReader.pinned(BELOW_5.publish(table("UA-14 2/0", "UA-32 3/0", "UA-46 50/5"))))
                .isEmpty();
    }

    @Test
    void twoSmallRegionsThatOnlyOneSplitWouldExplainAreProtected() {
        // 1 + 1 = 2 under "<5" and "<5" can only be 1 and 1: the table must hide more.
        assertThat(ExhaustiveReader.pinned(BELOW_5.publish(table("UA-14 1/0", "UA-32 1/0", "UA-46 30/2"))))
                .isEmpty();
    }

    @Test
    void aSmallOutstandingBesideExactNeighboursIsProtected() {
        assertThat(ExhaustiveReader.pinned(
                        BELOW_10.publish(table("UA-14 100/97", "UA-32 12/12", "UA-46 15/0", "UA-51 200/150"))))
                .isEmpty();
    }

    @Test
    void aTableTooSmallToPublishGivesNothingAway() {
        assertThat(ExhaustiveReader.pinned(BELOW_5.publish(table("UA-14 1/0", "UA-32 1/0", "UA-46 1/0", "UA-51 1/0"))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10})
    void noRandomTableGivesAHiddenCountAway(int k) {
        SuppressedTable suppressed = new SuppressedTable(new Suppression(k));
        Random random = new Random(17L * k);
        for (int i = 0; i < 150; i++) {
            List<Tally> table = TestTables.random(random, k);

            assertThat(ExhaustiveReader.pinned(suppressed.publish(table)))
                    .as("table %s", table)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10})
    void theSuppressionsReaderPinsExactlyWhatTheExhaustiveReaderPins(int k) {
        // Tables suppressed within each tally only, as the dashboard once published them: often giving counts away.
        Suppression suppression = new Suppression(k);
        Random random = new Random(29L * k);
        int givingCountsAway = 0;
        for (int i = 0; i < 400; i++) {
            List<PublishedTally> perTally = perTally(suppression, TestTables.random(random, k));
            Set<TableInference.Pin> pinned = ExhaustiveReader.pinned(perTally).keySet().stream()
                    .map(cell -> new TableInference.Pin(cell.region(), cell.measure()))
                    .collect(Collectors.toSet());

            assertThat(TableInference.pins(perTally))
                    .as("table %s", perTally)
                    .containsExactlyInAnyOrderElementsOf(pinned);
            givingCountsAway += pinned.isEmpty() ? 0 : 1;
        }
        assertThat(givingCountsAway).as("tables that give a count away").isPositive();
    }

    @Test
    void theReaderPinsASmallRegionThatOnlyItsOwnTallyHides() {
        List<PublishedTally> perTally = perTally(new Suppression(5), table("UA-14 3/1", "UA-32 400/20"));

        assertThat(ExhaustiveReader.pinned(perTally))
                .containsEntry(new ExhaustiveReader.Cell(0, "UA-14", Measure.DEPORTED), 3L)
                .containsEntry(new ExhaustiveReader.Cell(0, "UA-14", Measure.RETURNED), 1L);
    }

    @Test
    void aRegionThatBecomesSmallIsProtectedOnBothDays() {
        // A retraction takes UA-14 from 12 to 3: exact the first day, hidden the next; a reader of both days
        // knows 12 and that the national figure fell by 9, and still cannot tell 3 from 1, 2 or 4.
        List<PublishedTally> before = BELOW_5.publish(table("UA-14 12/0", "UA-32 40/5", "UA-46 70/10"));
        List<PublishedTally> after = BELOW_5.publish(table("UA-14 3/0", "UA-32 40/5", "UA-46 70/10"));

        assertThat(ExhaustiveReader.pinnedAcross(List.of(before, after))).isEmpty();
    }

    @Test
    void aNationalChangeEqualToAShownRegionsChangeGivesNoHiddenCountAway() {
        List<PublishedTally> before = BELOW_5.publish(table("UA-14 2/0", "UA-32 3/1", "UA-46 40/0", "UA-51 90/9"));
        List<PublishedTally> after = BELOW_5.publish(table("UA-14 2/0", "UA-32 3/1", "UA-46 40/0", "UA-51 97/9"));

        assertThat(ExhaustiveReader.pinnedAcross(List.of(before, after))).isEmpty();
    }

    @Test
    void theReaderLinksDaysByAnUnchangedUpdateTimeWhichIsWhyHiddenTalliesHaveNone() {
        // Published with their change days, two hidden tallies of which one did not move tell how far the other did.
        List<PublishedTally> before = withDays(BELOW_5.publish(table("UA-14 1/0", "UA-32 6/0", "UA-46 50/0")), "d1");
        List<PublishedTally> after = withDays(BELOW_5.publish(table("UA-14 4/0", "UA-32 6/0", "UA-46 50/0")), "d2");
        List<PublishedTally> unchanged = new ArrayList<>(after);
        unchanged.replaceAll(tally -> tally.code().equals("UA-32") ? row(before, "UA-32") : tally);

        assertThat(ExhaustiveReader.pinnedAcross(List.of(before, unchanged)))
                .containsEntry(new ExhaustiveReader.Cell(0, "UA-14", Measure.DEPORTED), 1L)
                .containsEntry(new ExhaustiveReader.Cell(1, "UA-14", Measure.DEPORTED), 4L);
        assertThat(ExhaustiveReader.pinnedAcross(List.of(
                        before.stream().map(this::withoutDay).toList(),
                        unchanged.stream().map(this::withoutDay).toList())))
                .isEmpty();
    }

    @Test
    void aDailyTablesGivesNoHiddenCountAwayFromAnyDayOrAnyTwoConsecutiveDays() {
        Random random = new Random(41);
        List<Tally> daily = new ArrayList<>();
        LocalDate first = LocalDate.parse("2025-12-01");
        for (int day = 0; day < 8; day++) {
            for (Tally tally : TestTables.random(random, 5)) {
                if (!tally.code().equals("UA") && tally.deported() > 0 && random.nextInt(3) > 0) {
                    daily.add(tally.on(first.plusDays(day)));
                }
            }
        }
        SortedMap<LocalDate, List<Tally>> series =
                DailyTables.carryForward(nationalEachDay(daily, first), first, first.plusDays(7));

        List<List<PublishedTally>> days =
                new ArrayList<>(DailyTables.publish(series, BELOW_5).values());

        for (int day = 0; day + 1 < days.size(); day++) {
            assertThat(ExhaustiveReader.pinnedAcross(days.subList(day, day + 2)))
                    .as("days %d and %d", day, day + 1)
                    .isEmpty();
        }
    }

    /** The daily tallies plus UA's, the sum of the regions as carried forward, on each day any of them changed. */
    private static List<Tally> nationalEachDay(List<Tally> regional, LocalDate first) {
        List<Tally> all = new ArrayList<>(regional);
        LocalDate last =
                regional.stream().map(Tally::day).max(LocalDate::compareTo).orElse(first);
        DailyTables.carryForward(regional, first, last)
                .forEach((day, table) -> all.add(
                        TestTables.withNational(table.stream()
                                        .filter(t -> !t.code().equals("UA"))
                                        .toList())
                                .stream()
                                .filter(t -> t.code().equals("UA"))
                                .findFirst()
                                .orElseThrow()
                                .on(day)));
        return all;
    }

    /** Each tally hidden within itself only, as the dashboard once published them. */
    private static List<PublishedTally> perTally(Suppression suppression, List<Tally> table) {
        return table.stream()
                .map(tally -> suppression.hasSmallCount(tally)
                        ? new PublishedTally(
                                tally.by(),
                                tally.code(),
                                tally.name(),
                                suppression.hide(tally.deported()),
                                suppression.hide(tally.returned()),
                                suppression.hide(tally.outstanding()),
                                null)
                        : SuppressedTable.exactly(tally))
                .toList();
    }

    private static List<PublishedTally> withDays(List<PublishedTally> table, String day) {
        return table.stream()
                .map(tally -> new PublishedTally(
                        tally.by(),
                        tally.code(),
                        tally.name(),
                        tally.deported(),
                        tally.returned(),
                        tally.outstanding(),
                        tally.code() + "@" + day))
                .toList();
    }

    private PublishedTally withoutDay(PublishedTally tally) {
        return new PublishedTally(
                tally.by(), tally.code(), tally.name(), tally.deported(), tally.returned(), tally.outstanding(), null);
    }

    private static PublishedTally row(List<PublishedTally> table, String region) {
        return TestTables.row(table, region);
    }
}
