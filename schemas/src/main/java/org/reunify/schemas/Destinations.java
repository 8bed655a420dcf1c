package org.reunify.schemas;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The destination catalogue: every ISO 3166-1 alpha-2 country but Ukraine, named in English and Ukrainian from the
 * JDK's CLDR data (so no list of 249 names is kept by hand), occupied Ukraine, and unknown.
 */
public final class Destinations {

    /** A transfer within occupied Ukraine. */
    public static final String OCCUPIED_CODE = "OCCUPIED";

    public static final String UNKNOWN_CODE = "UNKNOWN";
    public static final Destination OCCUPIED =
            new Destination(OCCUPIED_CODE, "Occupied territory of Ukraine", "Тимчасово окупована територія України");
    public static final Destination UNKNOWN = new Destination(UNKNOWN_CODE, "Unknown", "Невідомо");

    private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    private static final Locale UKRAINIAN = Locale.forLanguageTag("uk");

    private Destinations() {}

    /** Whether the code is an ISO 3166-1 alpha-2 country other than Ukraine. */
    public static boolean isCountry(String code) {
        return code != null && !Regions.NATIONAL_CODE.equals(code) && COUNTRIES.contains(code);
    }

    /** Every destination an event may name, and {@code UNKNOWN}, sorted by code. */
    public static List<Destination> all() {
        return Stream.concat(COUNTRIES.stream().filter(Destinations::isCountry), Stream.of(OCCUPIED_CODE, UNKNOWN_CODE))
                .sorted()
                .map(code -> byCode(code).orElseThrow())
                .toList();
    }

    /** The destination of a code an event may name, or {@code UNKNOWN}; empty for any other code. */
    public static Optional<Destination> byCode(String code) {
        if (OCCUPIED_CODE.equals(code)) {
            return Optional.of(OCCUPIED);
        }
        if (UNKNOWN_CODE.equals(code)) {
            return Optional.of(UNKNOWN);
        }
        if (!isCountry(code)) {
            return Optional.empty();
        }
        Locale country = new Locale.Builder().setRegion(code).build();
        return Optional.of(
                new Destination(code, country.getDisplayCountry(Locale.ENGLISH), country.getDisplayCountry(UKRAINIAN)));
    }
}
