package org.reunify.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;

/** The destination (rule 7) and daily tallies the topology publishes beside the current regional ones. */
class PublishedTalliesTopologyTest {

    /** 23:30 in Kyiv (UTC+2 in winter): half an hour before the Kyiv day turns. */
    private static final Instant LATE_ON_DEC_1 = Instant.parse("2025-12-01T21:30:00.000Z");

    private static final LocalDate DEC_1 = LocalDate.of(2025, 12, 1);
    private static final LocalDate DEC_2 = LocalDate.of(2025, 12, 2);
    private static final LocalDate DEC_3 = LocalDate.of(2025, 12, 3);
    private static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);

    private final EventFactory nib = new EventFactory("nib", "test/1");
    private final EventFactory police = new EventFactory("national-police", "test/1");

    @TempDir
    Path stateDir;

    private TopologyHarness pipeline;

    @BeforeEach
    void startPipeline() {
        pipeline = new TopologyHarness(stateDir);
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }

    @Test
    void aCaseCountsUnderTheDestinationOfTheReportDecidingItsRegion() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "KP"), minutes(1));
        pipeline.publish(nib.deportation("e-2", "c-2", "UA-14", MAY_2022, null), minutes(2));

        assertThat(pipeline.destinations())
                .containsEntry("KP", Tally.of(Breakdown.destination, "KP", 1, 0, minutes(1)))
                .containsEntry("UNKNOWN", Tally.of(Breakdown.destination, "UNKNOWN", 1, 0, minutes(2)));
    }

    @Test
    void aLaterReportNamingAnotherDestinationMovesTheCase() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), minutes(1));
        pipeline.publish(police.deportation("p-1", "c-1", "UA-14", MAY_2022, "BY"), minutes(2));

        assertThat(pipeline.destinations())
                .containsEntry("RU", Tally.of(Breakdown.destination, "RU", 0, 0, minutes(2)))
                .containsEntry("BY", Tally.of(Breakdown.destination, "BY", 1, 0, minutes(2)));
    }

    @Test
    void aReturnedChildStaysUnderTheDestinationItWasTakenTo() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "BY"), minutes(1));
        pipeline.publish(police.returned("p-1", "c-1", "UA-14", DEC_1), minutes(2));

        assertThat(pipeline.destinations())
                .containsEntry("BY", Tally.of(Breakdown.destination, "BY", 1, 1, minutes(2)));
    }

    @Test
    void aChangeBelongsToTheKyivDayOnWhichItsEventWasAppended() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), minutes(1));
        pipeline.publish(nib.deportation("e-2", "c-2", "UA-14", MAY_2022, "RU"), minutes(40));

        assertThat(pipeline.daily())
                .containsEntry("UA-14/2025-12-01", daily(DEC_1, Tally.of("UA-14", 1, 0, minutes(1))))
                .containsEntry("UA-14/2025-12-02", daily(DEC_2, Tally.of("UA-14", 2, 0, minutes(40))))
                .containsEntry("UA/2025-12-02", daily(DEC_2, Tally.of("UA", 2, 0, minutes(40))));
    }

    @Test
    void aRegionHasADailyTallyOnlyForTheDaysOnWhichItChanged() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), minutes(1));
        pipeline.publish(nib.deportation("e-2", "c-2", "UA-09", MAY_2022, "RU"), minutes(40));

        assertThat(pipeline.daily())
                .containsOnlyKeys("UA-14/2025-12-01", "UA-09/2025-12-02", "UA/2025-12-01", "UA/2025-12-02");
    }

    @Test
    void anEventReadAfterLaterDaysStillReachesTheEndOfEveryLaterDay() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), minutes(1));
        pipeline.publish(nib.deportation("e-3", "c-3", "UA-14", MAY_2022, "RU"), minutes(40 + 24 * 60));
        pipeline.daily();
        // Another case's event of the first day, read last, as a record moved from another partition can be.
        pipeline.publish(police.deportation("p-2", "c-2", "UA-14", MAY_2022, "RU"), minutes(2));

        assertThat(pipeline.daily())
                .containsEntry("UA-14/2025-12-01", daily(DEC_1, Tally.of("UA-14", 2, 0, minutes(2))))
                .containsEntry("UA-14/2025-12-03", daily(DEC_3, Tally.of("UA-14", 3, 0, minutes(40 + 24 * 60))))
                .doesNotContainKey("UA-14/2025-12-02");
        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 3, 0, minutes(40 + 24 * 60)));
    }

    /**
     * A record of one case read before an earlier one of the same day, which takes back what it did: as of that day's
     * end the case counts as it did the day before, so the day is no day of change and is deleted.
     */
    @Test
    void aDayWhoseChangesCameToNothingIsDeleted() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), minutes(1));
        // On 3 December nib retracts e-1, and had already sent x-1 once before, saying something else: x-1 stands as
        // that earlier version, which withdraws nothing.
        pipeline.publish(nib.retraction("x-1", "c-1", "e-1", "entered twice"), minutes(40 + 24 * 60 + 10));
        assertThat(pipeline.daily()).containsKey("UA-14/2025-12-03");
        pipeline.publish(nib.retraction("x-1", "c-1", "e-9", "a case of another child"), minutes(40 + 24 * 60));

        assertThat(pipeline.daily())
                .containsOnlyKeys("UA-14/2025-12-01", "UA/2025-12-01")
                .containsEntry("UA-14/2025-12-01", daily(DEC_1, Tally.of("UA-14", 1, 0, minutes(1))));
        assertThat(pipeline.total("UA-14").deported()).isEqualTo(1);
    }

    @Test
    void theTimelineCountsEachCaseInTheMonthsItWasTakenAndReturnedIn() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), minutes(1));
        pipeline.publish(nib.returned("e-2", "c-1", "UA-14", DEC_1), minutes(2));
        pipeline.publish(police.deportation("p-1", "c-2", "UA-14", MAY_2022.plusMonths(1), "BY"), minutes(3));

        assertThat(pipeline.timeline())
                .containsOnlyKeys(
                        "UA-14/2022-05", "UA-14/2022-06", "UA-14/2025-12", "UA/2022-05", "UA/2022-06", "UA/2025-12")
                .containsEntry("UA-14/2022-05", TimelineEntry.of("UA-14", "2022-05", 1, 0))
                .containsEntry("UA/2025-12", TimelineEntry.of("UA", "2025-12", 0, 1));
    }

    @Test
    void aReportThatMovesACaseMovesItBetweenMonthsAndDeletesTheMonthLeftEmpty() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), minutes(1));
        assertThat(pipeline.timeline()).containsKey("UA-14/2022-05");

        pipeline.publish(police.deportation("p-1", "c-1", "UA-09", MAY_2022.plusYears(1), "RU"), minutes(2));

        assertThat(pipeline.timeline())
                .containsOnlyKeys("UA-09/2023-05", "UA/2023-05")
                .containsEntry("UA/2023-05", TimelineEntry.of("UA", "2023-05", 1, 0));
    }

    private static Tally daily(LocalDate date, Tally tally) {
        return tally.on(date);
    }

    private static Instant minutes(int minutes) {
        return LATE_ON_DEC_1.plusSeconds(60L * minutes);
    }
}
