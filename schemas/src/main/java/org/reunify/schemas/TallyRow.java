package org.reunify.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A tally of any breakdown as the formats print it: by region ({@link Tally}) or by destination ({@link
 * DestinationTally}), the same figures under a different key.
 *
 * @param keyField the JSON field and CSV column of the key: {@code region} or {@code destination}
 * @param date     the Kyiv day at whose end a daily tally stood; null for a current one
 */
public record TallyRow(
        String keyField,
        String key,
        String name,
        long deported,
        long returned,
        long outstanding,
        Instant updatedAt,
        LocalDate date) {

    public static final String REGION = "region";
    public static final String DESTINATION = "destination";

    public TallyRow {
        Objects.requireNonNull(key, keyField);
        Objects.requireNonNull(name, "name");
        checkFigures(deported, returned, outstanding);
    }

    public static TallyRow of(Tally tally) {
        return new TallyRow(
                REGION,
                tally.region(),
                tally.name(),
                tally.deported(),
                tally.returned(),
                tally.outstanding(),
                tally.updatedAt(),
                null);
    }

    public static TallyRow of(DailyTally daily) {
        Tally tally = daily.tally();
        return new TallyRow(
                REGION,
                tally.region(),
                tally.name(),
                tally.deported(),
                tally.returned(),
                tally.outstanding(),
                tally.updatedAt(),
                daily.date());
    }

    public static TallyRow of(DestinationTally tally) {
        return new TallyRow(
                DESTINATION,
                tally.destination(),
                tally.name(),
                tally.deported(),
                tally.returned(),
                tally.outstanding(),
                tally.updatedAt(),
                null);
    }

    /** The key under which the row's topic holds it: the code, and for a daily tally {@code /YYYY-MM-DD}. */
    public String topicKey() {
        return date == null ? key : DailyTally.key(key, date);
    }

    /**
     * @throws MalformedTallyException unless this is a current regional tally
     */
    public Tally toTally() {
        expect(REGION, false);
        return new Tally(key, name, deported, returned, outstanding, updatedAt);
    }

    /**
     * @throws MalformedTallyException unless this is a daily regional tally
     */
    public DailyTally toDailyTally() {
        expect(REGION, true);
        return new DailyTally(date, new Tally(key, name, deported, returned, outstanding, updatedAt));
    }

    /**
     * @throws MalformedTallyException unless this is a destination tally
     */
    public DestinationTally toDestinationTally() {
        expect(DESTINATION, false);
        return new DestinationTally(key, name, deported, returned, outstanding, updatedAt);
    }

    private void expect(String field, boolean dated) {
        if (!keyField.equals(field)) {
            throw new MalformedTallyException("a tally by " + keyField + " where one by " + field + " belongs");
        }
        if (dated != (date != null)) {
            throw new MalformedTallyException(
                    dated ? "tally lacks 'date'" : "a daily tally where a current one belongs");
        }
    }

    /** docs/DESIGN.md's figures: {@code 0 <= returned <= deported}, {@code outstanding = deported - returned}. */
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
