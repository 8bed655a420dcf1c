package org.reunify.schemas;

/**
 * What a tally breaks the counted cases down by: the region a case counts in, or where the child was taken (rule 7).
 * Its name is the tally's key field in JSON and CSV, and the value of {@code --by}.
 */
public enum Breakdown {
    region,
    destination;

    /** Whether the code is one of this breakdown's catalogue. */
    boolean knows(String code) {
        return this == region
                ? Regions.byCode(code).isPresent()
                : Destinations.byCode(code).isPresent();
    }

    /** The catalogue's English name of the code. */
    String nameOf(String code) {
        return (this == region
                        ? Regions.byCode(code).map(Region::nameEn)
                        : Destinations.byCode(code).map(Destination::nameEn))
                .orElseThrow(() -> new IllegalArgumentException("not a " + this + " code: " + code));
    }
}
