package org.reunify.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * The figures of one region, or of the whole country ({@code UA}): the value on {@code reunification.totals},
 * a row of the sink, a line of {@code reunify totals} and of {@code reunify replay}.
 *
 * @param updatedAt the greatest append time among the events that shaped this tally; null while none has
 */
public record Tally(String region, String name, long deported, long returned, long outstanding, Instant updatedAt) {

    public Tally {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        TallyRow.checkFigures(deported, returned, outstanding);
    }

    /** The tally of a region by code, its name from the catalogue. */
    public static Tally of(String code, long deported, long returned, Instant updatedAt) {
        Region region =
                Regions.byCode(code).orElseThrow(() -> new IllegalArgumentException("not a region code: " + code));
        return new Tally(region.code(), region.nameEn(), deported, returned, deported - returned, updatedAt);
    }

    /** A region nothing has been reported for yet. */
    public static Tally empty(Region region) {
        return new Tally(region.code(), region.nameEn(), 0, 0, 0, null);
    }
}
