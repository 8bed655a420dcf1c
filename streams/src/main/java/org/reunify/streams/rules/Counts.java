package org.reunify.streams.rules;

import java.time.Instant;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Tally;

/**
 * The figures of a tally, or a change to them. Changes add up: counts by sum, {@code updatedAt} by maximum, so
 * the order in which changes are added never matters.
 *
 * @param updatedAt epoch milliseconds; {@link #NEVER} for a tally nothing has shaped yet
 */
public record Counts(long deported, long returned, long updatedAt) {

    public static final long NEVER = Long.MIN_VALUE;
    public static final Counts NONE = new Counts(0, 0, NEVER);

    public Counts plus(Counts change) {
        return new Counts(
                deported + change.deported, returned + change.returned, Math.max(updatedAt, change.updatedAt));
    }

    public Counts minus(Counts change) {
        return new Counts(
                deported - change.deported, returned - change.returned, Math.max(updatedAt, change.updatedAt));
    }

    /** The tally these counts make for a region (or {@code UA}); docs/DESIGN.md's outstanding is derived here. */
    public Tally toTally(String region) {
        return toTally(Breakdown.region, region);
    }

    /** The tally these counts make for a code of the breakdown, such as a destination (rule 7). */
    public Tally toTally(Breakdown by, String code) {
        return Tally.of(by, code, deported, returned, updatedAtInstant());
    }

    private Instant updatedAtInstant() {
        return updatedAt == NEVER ? null : Instant.ofEpochMilli(updatedAt);
    }
}
