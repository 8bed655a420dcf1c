package org.reunify.operations.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refusals counted by their reason's code, over the last hour and the last day. */
class RefusalCountsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aRefusalOfTheLastHourCountsInBothWindowsAndAnEarlierOneOfTheDayInTheDayOnly() {
        RefusalCounts counts = new RefusalCounts(NOW);

        counts.count(NOW.minus(Duration.ofMinutes(5)), "CONFLICTING_DUPLICATE: nib/e-1001 was sent earlier");
        counts.count(NOW.minus(Duration.ofMinutes(59)), "CONFLICTING_DUPLICATE: nib/e-1002 was sent earlier");
        counts.count(NOW.minus(Duration.ofHours(3)), "CONFLICTING_DUPLICATE: nib/e-1003 was sent earlier");
        counts.count(NOW.minus(Duration.ofHours(23)), "OVERSIZED: the value has 70000 bytes");

        assertThat(counts.lastHour()).isEqualTo(Map.of("CONFLICTING_DUPLICATE", 2L));
        assertThat(counts.lastDay()).isEqualTo(Map.of("CONFLICTING_DUPLICATE", 3L, "OVERSIZED", 1L));
    }

    @Test
    void aRefusalOlderThanADayIsNotCounted() {
        RefusalCounts counts = new RefusalCounts(NOW);

        counts.count(NOW.minus(Duration.ofHours(25)), "UNDECODABLE: not single-object encoded");

        assertThat(counts.lastDay()).isEmpty();
        assertThat(counts.dayStart()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    }

    @Test
    void aReasonNoVersionOfTheStreamWroteIsCountedAsOther() {
        RefusalCounts counts = new RefusalCounts(NOW);

        counts.count(NOW.minusSeconds(1), "SOMETHING_ELSE: written by hand");
        counts.count(NOW.minusSeconds(1), null);

        assertThat(counts.lastHour()).isEqualTo(Map.of(RefusalCounts.OTHER, 2L));
    }
}
