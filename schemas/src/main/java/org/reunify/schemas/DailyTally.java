package org.reunify.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A region's tally as it stood at the end of a Kyiv calendar day on which it changed: a value of {@code
 * reunification.totals.daily}, keyed {@code REGION/YYYY-MM-DD}, and a line of {@code --daily} listings. A reader
 * carries it forward over the days on which the region has none.
 */
public record DailyTally(LocalDate date, Tally tally) {

    /** The calendar of the daily tallies: a change belongs to the Kyiv day on which the event was appended. */
    public static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    public DailyTally {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(tally, "tally");
    }

    /** The Kyiv day of an instant given in epoch milliseconds. */
    public static LocalDate dayOf(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), KYIV);
    }

    /** The key on {@code reunification.totals.daily}: {@code UA-14/2025-12-03}. */
    public static String key(String region, LocalDate date) {
        return region + '/' + date;
    }

    public String key() {
        return key(tally.region(), date);
    }
}
