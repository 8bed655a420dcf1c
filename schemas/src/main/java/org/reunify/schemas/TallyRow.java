package org.reunify.schemas;

import java.time.Instant;

/**
 * A tally of any breakdown as the formats print it: by region ({@link Tally}) or by destination ({@link
 * DestinationTally}), the same figures under a different key.
 *
 * @param keyField the JSON field and CSV column of the key: {@code region} or {@code destination}
 */
public record TallyRow(
        String keyField, String key, String name, long deported, long returned, long outstanding, Instant updatedAt) {

    public static TallyRow of(Tally tally) {
        return new TallyRow(
                "region",
                tally.region(),
                tally.name(),
                tally.deported(),
                tally.returned(),
                tally.outstanding(),
                tally.updatedAt());
    }

    public static TallyRow of(DestinationTally tally) {
        return new TallyRow(
                "destination",
                tally.destination(),
                tally.name(),
                tally.deported(),
                tally.returned(),
                tally.outstanding(),
                tally.updatedAt());
    }

    /** DESIGN.md's figures: {@code 0 <= returned <= deported}, {@code outstanding = deported - returned}. */
    static void checkFigures(long deported, long returned, long outstanding) {
        if (deported < 0 || returned < 0 || returned > deported) {
            throw new IllegalArgumentException(
                    "a tally needs 0 <= returned <= deported, got deported=" + deported + " returned=" + returned);
        }
        if (outstanding != deported - returned) {
            throw new IllegalArgumentException("outstanding must be deported - returned");
        }
    }
}
