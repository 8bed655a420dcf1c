package org.reunify.operations.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a sink's stored position is a problem: a change has waited for it longer than the grace, counted from the later
 * of the change's timestamp and the sink's last stored position.
 */
class SinkPositionTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(30);

    @Test
    void aSinkAtTheEndOfEveryPartitionIsWell() {
        SinkPosition position = judge(partition(0, 120, 120, null), partition(1, 98, 98, null));

        assertThat(position.behind()).isZero();
        assertThat(position.waiting()).isEmpty();
        assertThat(position.problem()).isEmpty();
    }

    @Test
    void aSinkBehindByRecordsWrittenWithinTheGraceIsStillApplyingThem() {
        SinkPosition position = judge(partition(0, 100, 120, NOW.minusSeconds(2)), partition(1, 98, 98, null));

        assertThat(position.behind()).isEqualTo(20);
        assertThat(position.waiting()).contains(Duration.ofSeconds(2));
        assertThat(position.problem()).isEmpty();
    }

    @Test
    void aRecordWaitingLongerThanTheGraceMakesTheSinkBehindAndNamesIt() {
        SinkPosition position =
                judge(partition(0, 100, 120, NOW.minusSeconds(5)), partition(1, 90, 98, NOW.minusSeconds(95)));

        assertThat(position.waiting()).contains(Duration.ofSeconds(95));
        assertThat(position.problem())
                .contains("the file sink (reunify-data/tallies) is behind on reunification.totals: 28 records not "
                        + "applied, a change waiting for 1 min 35 s (more than 30 s): is it running?");
    }

    @Test
    void aSinkThatStoredProgressWithinTheGraceIsWorkingThroughABacklogOfOldChanges() {
        // Changes handed on long ago by a streams app that was itself behind: the sink is applying them.
        SinkPosition position = judge(new SinkPosition.Partition(
                0, 100, Optional.of(NOW.minusSeconds(1)), 5_000, Optional.of(NOW.minus(Duration.ofMinutes(10)))));

        assertThat(position.waiting()).contains(Duration.ofSeconds(1));
        assertThat(position.problem()).isEmpty();
    }

    @Test
    void aPartitionTheSinkNeverStoredAPositionForWaitsFromItsFirstRecord() {
        SinkPosition position =
                judge(new SinkPosition.Partition(0, 0, Optional.empty(), 5, Optional.of(NOW.minusSeconds(31))));

        assertThat(position.problem()).isPresent();
    }

    @Test
    void onlyCommitMarkersPastTheStoredPositionLeaveNothingToApply() {
        // The PostgreSQL sink stores the offset after its last record; the transaction's commit marker follows it.
        SinkPosition position = judge(partition(0, 119, 120, null));

        assertThat(position.behind()).isEqualTo(1);
        assertThat(position.waiting()).isEmpty();
        assertThat(position.problem()).isEmpty();
    }

    @Test
    void aPositionPastTheEndIsAProblemForTheTopicWasCreatedAgain() {
        SinkPosition position = judge(partition(0, 500, 20, null));

        assertThat(position.problem())
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains("stored position 500 on reunification.totals partition 0, past its end 20"));
    }

    @Test
    void aClockAheadOfTheStreamsAppsDoesNotMakeAWaitNegative() {
        SinkPosition position = judge(partition(0, 100, 120, NOW.plusSeconds(3)));

        assertThat(position.waiting()).contains(Duration.ZERO);
        assertThat(position.problem()).isEmpty();
    }

    private static SinkPosition judge(SinkPosition.Partition... partitions) {
        return SinkPosition.judge(
                "file", "reunify-data/tallies", "reunification.totals", List.of(partitions), NOW, GRACE);
    }

    /** A partition whose position the sink stored long ago: a change's wait counts from its own timestamp. */
    private static SinkPosition.Partition partition(int partition, long next, long end, Instant firstUnapplied) {
        return new SinkPosition.Partition(
                partition, next, Optional.of(NOW.minus(Duration.ofHours(1))), end, Optional.ofNullable(firstUnapplied));
    }
}
