package org.reunify.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The figures of the cases counted under one key: a region or the whole country ({@code UA}), a destination (rule 7),
 * or a region at the end of a Kyiv day. Every published tally is one: the values on {@code reunification.totals},
 * {@code reunification.destinations} and {@code reunification.totals.daily}, the sink's files and rows, a line of
 * {@code reunify totals} and of {@code reunify replay}.
 *
 * @param by        what the tally breaks the cases down by, and so what {@code code} is a code of
 * @param code      the region's code ({@code UA-14}, {@code UA}) or the destination's ({@code KP})
 * @param day       the Kyiv day at whose end a daily tally stood; null for a current one. A reader carries a daily
 *                  tally forward over the days on which its region has none.
 * @param updatedAt the greatest append time among the events that shaped this tally; null while none has
 */
public record Tally(
        Breakdown by,
        String code,
        LocalDate day,
        String name,
        long deported,
        long returned,
        long outstanding,
        Instant updatedAt) {

    public Tally {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(code, by.name());
        Objects.requireNonNull(name, "name");
        if (deported < 0 || returned < 0 || returned > deported) {
            throw new IllegalArgumentException(
                    "a tally needs 0 <= returned <= deported, got deported=" + deported + " returned=" + returned);
        }
        if (outstanding != deported - returned) {
            throw new IllegalArgumentException("outstanding must be deported - returned");
        }
    }

    /** The current tally of a region by code, its name from the catalogue. */
    public static Tally of(String region, long deported, long returned, Instant updatedAt) {
        return of(Breakdown.region, region, deported, returned, updatedAt);
    }

    /** The current tally of a code of the breakdown, its name from the catalogue. */
    public static Tally of(Breakdown by, String code, long deported, long returned, Instant updatedAt) {
        return new Tally(by, code, null, by.nameOf(code), deported, returned, deported - returned, updatedAt);
    }

    /** A region nothing has been reported for yet. */
    public static Tally empty(Region region) {
        return new Tally(Breakdown.region, region.code(), null, region.nameEn(), 0, 0, 0, null);
    }

    /** The Kyiv day of an instant given in epoch milliseconds: the day whose daily tally a change then belongs to. */
    public static LocalDate dayOf(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), EventRules.PUBLICATION_ZONE);
    }

    /** The key of a tally on its topic: the code, and for a daily one {@code /YYYY-MM-DD}: {@code UA-14/2025-12-03}. */
    public static String topicKey(String code, LocalDate day) {
        return day == null ? code : code + '/' + day;
    }

    public String topicKey() {
        return topicKey(code, day);
    }

    /** These figures as they stood at the end of a day: the daily tally. */
    public Tally on(LocalDate day) {
        return new Tally(
                by, code, Objects.requireNonNull(day, "day"), name, deported, returned, outstanding, updatedAt);
    }

    /** The same figures with another count, the outstanding worked out again. */
    public Tally withCounts(long deported, long returned) {
        return new Tally(by, code, day, name, deported, returned, deported - returned, updatedAt);
    }

    public boolean isDaily() {
        return day != null;
    }

    /** Whether this is the national tally ({@code UA}). */
    public boolean isNational() {
        return by == Breakdown.region && Regions.NATIONAL_CODE.equals(code);
    }
}
