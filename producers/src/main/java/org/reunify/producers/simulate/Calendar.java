package org.reunify.producers.simulate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.reunify.schemas.EventRules;

/** When simulated events occurred and when their agencies published them. */
final class Calendar {

    /** The last day a simulated event can have occurred on. */
    static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
    /** Every simulated event is published before this instant (Kyiv midnight after {@link #LAST_DAY}). */
    static final long END = startOf(LAST_DAY.plusDays(1));

    private static final LocalDate CRIMEA_OCCUPIED = LocalDate.of(2014, 2, 27);
    private static final LocalDate DONBAS_OCCUPIED = LocalDate.of(2014, 4, 12);
    private static final LocalDate FULL_SCALE_INVASION = Geography.FULL_SCALE_INVASION;
    /** A deportation leaves a month for its return to follow within the simulated history. */
    private static final LocalDate LAST_DEPORTATION = LocalDate.of(2025, 11, 30);
    /** The national registries began taking reports shortly after the full-scale invasion. */
    private static final long REGISTRIES_OPEN = startOf(LocalDate.of(2022, 3, 15));

    private static final long DAY = 86_400_000L;

    private static final Weighted<Integer> YEAR =
            new Weighted<Integer>().add(2022, 62).add(2023, 28).add(2024, 6).add(2025, 4);

    private final Random random;

    Calendar(Random random) {
        this.random = random;
    }

    /** The day a child from {@code region} was taken: mostly 2022-2023, before 2022 only from Crimea and Donbas. */
    LocalDate deportation(String region) {
        if (region.equals(Geography.CRIMEA) || region.equals(Geography.SEVASTOPOL)) {
            if (random.nextDouble() < 0.25) {
                return day(CRIMEA_OCCUPIED, FULL_SCALE_INVASION.minusDays(1));
            }
        } else if (Geography.OCCUPIED_SINCE_2014.contains(region) && random.nextDouble() < 0.12) {
            return day(DONBAS_OCCUPIED, FULL_SCALE_INVASION.minusDays(1));
        }
        int year = YEAR.pick(random);
        LocalDate from = year == 2022 ? FULL_SCALE_INVASION : LocalDate.of(year, 1, 1);
        LocalDate to = year == 2025 ? LAST_DEPORTATION : LocalDate.of(year, 12, 31);
        return day(from, to);
    }

    /** Another agency's date for the same deportation: a few days either way, on the same side of 2022-02-24. */
    LocalDate jitter(LocalDate day) {
        boolean before2022 = day.isBefore(FULL_SCALE_INVASION);
        LocalDate earliest = before2022 ? EventRules.EARLIEST_OCCURRENCE : FULL_SCALE_INVASION;
        LocalDate latest = before2022 ? FULL_SCALE_INVASION.minusDays(1) : LAST_DEPORTATION;
        LocalDate moved = day.plusDays(random.nextInt(9) - 4);
        if (moved.isBefore(earliest)) {
            return earliest;
        }
        return moved.isAfter(latest) ? latest : moved;
    }

    /** The day of a return, strictly after {@code deportedOn} and not after {@link #LAST_DAY}. */
    LocalDate returnAfter(LocalDate deportedOn) {
        LocalDate earliest = deportedOn.plusDays(30);
        if (earliest.isAfter(LAST_DAY)) {
            return day(deportedOn.plusDays(1), LAST_DAY);
        }
        LocalDate latest = deportedOn.plusDays(1000);
        return day(earliest, latest.isAfter(LAST_DAY) ? LAST_DAY : latest);
    }

    /** The day of a return nobody had reported a deportation for. */
    LocalDate returnOnly() {
        return day(LocalDate.of(2022, 4, 1), LAST_DAY);
    }

    /** When an agency publishes a report of {@code occurredOn}: days to months later, once the registries opened. */
    long published(LocalDate occurredOn) {
        long occurred = startOf(occurredOn);
        long lag = (1 + random.nextInt(540)) * DAY + (long) (random.nextDouble() * DAY);
        long open = REGISTRIES_OPEN + (long) (random.nextDouble() * 120 * DAY);
        long published = Math.max(occurred + lag, open);
        return published < END ? published : within(occurred, END);
    }

    /** Some time after {@code instant}, up to {@code days} later, before {@link #END}. */
    long after(long instant, int days) {
        return within(instant, Math.min(instant + days * DAY, END));
    }

    /** Some time, a minute to {@code days} days, before {@code instant}. */
    long before(long instant, int days) {
        return instant - 60_000L - (long) (random.nextDouble() * days * DAY);
    }

    /** An instant strictly inside [from, to) when the span allows, never outside it. */
    private long within(long from, long to) {
        return from + (long) ((to - from) * (0.02 + 0.96 * random.nextDouble()));
    }

    private LocalDate day(LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        return from.plusDays(span <= 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
    }

    private static long startOf(LocalDate day) {
        return day.atStartOfDay(EventRules.PUBLICATION_ZONE).toInstant().toEpochMilli();
    }
}
