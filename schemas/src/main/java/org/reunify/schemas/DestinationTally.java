package org.reunify.schemas;

import java.time.Instant;
import java.util.Objects;

/**
 * The figures of one destination (rule 7) over the counted cases: a value of {@code reunification.destinations}, a
 * line of {@code reunify totals --by destination} and of {@code reunify replay --by destination}.
 *
 * @param updatedAt the greatest append time among the events that moved a case into or out of this tally, or changed
 *                  one counted in it; null while none has
 */
public record DestinationTally(
        String destination, String name, long deported, long returned, long outstanding, Instant updatedAt) {

    public DestinationTally {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(name, "name");
        TallyRow.checkFigures(deported, returned, outstanding);
    }

    /** The tally of a destination by code, its name from the catalogue. */
    public static DestinationTally of(String code, long deported, long returned, Instant updatedAt) {
        Destination destination = Destinations.byCode(code)
                .orElseThrow(() -> new IllegalArgumentException("not a destination code: " + code));
        return new DestinationTally(
                destination.code(), destination.nameEn(), deported, returned, deported - returned, updatedAt);
    }
}
