package org.reunify.dashboard.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reunify.dashboard.disclosure.TestTables.counts;
import static org.reunify.dashboard.disclosure.TestTables.row;
import static org.reunify.dashboard.disclosure.TestTables.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;

class SuppressedTableTest {

    private static final SuppressedTable BELOW_5 = new SuppressedTable(new Suppression(5));

    @Test
    void withoutSuppressionEveryTallyIsDesignsJsonUnchanged() {
        List<Tally> table = table("UA-14 3/1", "UA-32 40/10");

        List<PublishedTally> published = new SuppressedTable(Suppression.NONE).publish(table);

        assertThat(published.stream().map(PublishedTally::toNode))
                .containsExactlyElementsOf(table.stream().map(TallyJson::toNode).toList());
    }

    @Test
    void aTableWithoutSmallCountsIsShownExactly() {
        List<PublishedTally> published = BELOW_5.publish(table("UA-14 120/15", "UA-32 40/0"));

        assertThat(published).noneMatch(PublishedTally::hidden);
        assertThat(counts(row(published, "UA-14"))).containsExactly("120", "15", "105");
    }

    @Test
    void aSmallRegionIsJoinedByTheNextSmallestSoThatTheNationalFigureDoesNotGiveItAway() {
        List<PublishedTally> published =
                BELOW_5.publish(table("UA-14 3/0", "UA-32 40/0", "UA-46 100/0", "UA-51 200/0"));

        assertThat(counts(row(published, "UA-14"))).containsExactly("<5", "0", "<5");
        assertThat(counts(row(published, "UA-32"))).containsExactly(">=5", "0", ">=5");
        assertThat(counts(row(published, "UA-46"))).containsExactly("100", "0", "100");
        assertThat(counts(row(published, "UA"))).containsExactly("343", "0", "343");
    }

    @Test
    void aComplementWhoseOtherCountIsLeftAloneInItsColumnIsJoinedByAnother() {
        // With UA-14 and UA-32 hidden, UA-32's 10 returned would be the national 30 less UA-46's exact 20.
        List<PublishedTally> published = BELOW_5.publish(table("UA-14 3/0", "UA-32 40/10", "UA-46 100/20"));

        assertThat(published.stream().filter(PublishedTally::hidden).map(PublishedTally::code))
                .containsExactly("UA-14", "UA-32", "UA-46");
        assertThat(counts(row(published, "UA"))).containsExactly("143", "30", "113");
    }

    @Test
    void aSmallOutstandingHidesItsTallyWholeAndOneMore() {
        List<PublishedTally> published = BELOW_5.publish(table("UA-14 100/97", "UA-32 50/10", "UA-46 60/20"));

        assertThat(counts(row(published, "UA-14"))).containsExactly(">=5", ">=5", "<5");
        assertThat(counts(row(published, "UA-32"))).containsExactly(">=5", ">=5", ">=5");
        assertThat(row(published, "UA-46").hidden()).isFalse();
    }

    @Test
    void theNationalTallyIsHiddenOnlyWhenNoRegionIsLeftToHideWithTheSmallOne() {
        // Hidden UA-14 (>=5) and UA-32 (<5) under an exact 6 can only be 5 and 1.
        List<PublishedTally> published = BELOW_5.publish(table("UA-14 5/0", "UA-32 1/0"));

        assertThat(counts(row(published, "UA"))).containsExactly(">=5", "0", ">=5");
        assertThat(counts(row(published, "UA-14"))).containsExactly(">=5", "0", ">=5");
        assertThat(counts(row(published, "UA-32"))).containsExactly("<5", "0", "<5");
    }

    @Test
    void aNationalCountFromOneToKMinusOneIsHiddenLikeAnyOther() {
        List<PublishedTally> published = BELOW_5.publish(table("UA-14 2/0", "UA-32 1/0"));

        assertThat(counts(row(published, "UA"))).containsExactly("<5", "0", "<5");
    }

    @Test
    void aTallyThatNoComplementCanProtectIsWithheld() {
        // Four regions shown as having children, at most four in all: each has exactly one. With one withheld (it
        // may have none), the others may have two.
        List<PublishedTally> published = BELOW_5.publish(table("UA-14 1/0", "UA-32 1/0", "UA-46 1/0", "UA-51 1/0"));

        assertThat(row(published, "UA-14").counts()).containsOnly(PublishedCount.withheld());
        assertThat(row(published, "UA-14").toNode().get("deported").isNull()).isTrue();
        assertThat(counts(row(published, "UA-32"))).containsExactly("<5", "0", "<5");
        assertThat(counts(row(published, "UA"))).containsExactly("<5", "0", "<5");
    }

    @Test
    void withSuppressionUpdateTimesAreKyivDaysAndAHiddenTallyHasNone() {
        Instant lateEvening = Instant.parse("2025-12-03T22:30:00Z");
        List<Tally> table = TestTables.withNational(List.of(
                Tally.of("UA-14", 3, 0, lateEvening),
                Tally.of("UA-32", 40, 0, lateEvening),
                Tally.of("UA-46", 100, 0, TestTables.AT)));

        List<PublishedTally> published = BELOW_5.publish(table);

        assertThat(row(published, "UA-14").updatedAt()).isNull();
        assertThat(row(published, "UA-32").updatedAt()).isNull();
        assertThat(row(published, "UA-46").updatedAt()).isEqualTo("2025-12-03");
        assertThat(row(published, "UA").updatedAt()).isEqualTo("2025-12-04");
    }

    @Test
    void aNationalTallyThatLagsItsRegionsIsPublishedAsTheirSum() {
        List<Tally> table = new ArrayList<>(table("UA-14 30/0", "UA-32 40/0"));
        table.replaceAll(tally -> tally.code().equals("UA") ? Tally.of("UA", 69, 0, TestTables.AT) : tally);

        assertThat(counts(row(BELOW_5.publish(table), "UA"))).containsExactly("70", "0", "70");
    }

    @Test
    void zeroRegionsStayShownAsZero() {
        List<PublishedTally> published = BELOW_5.publish(table("UA-14 3/0", "UA-32 40/0"));

        assertThat(counts(row(published, "UA-05"))).containsExactly("0", "0", "0");
    }
}
