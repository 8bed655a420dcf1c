package org.reunify.schemas;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Rule 8 for one region (or {@code UA}) and month: the cases taken then, by the {@code occurredOn} of the report that
 * decides their region, and the cases returned then, by that of their latest live return. The value of {@code
 * reunification.timeline}, keyed {@code REGION/YYYY-MM}, and a line of {@code --monthly} listings.
 *
 * @param month {@code YYYY-MM}, or {@link #UNKNOWN_MONTH} for the cases whose region a return decides
 */
public record TimelineEntry(String region, String name, String month, long taken, long returned) {

    /** The month taken of a case whose region a return decides: no report says when the child was taken. */
    public static final String UNKNOWN_MONTH = "UNKNOWN";

    public TimelineEntry {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        if (!isMonth(month)) {
            throw new IllegalArgumentException("a timeline month is YYYY-MM or " + UNKNOWN_MONTH);
        }
        if (taken < 0 || returned < 0) {
            throw new IllegalArgumentException("a timeline entry needs taken >= 0 and returned >= 0");
        }
    }

    /** The entry of a region by code, its name from the catalogue. */
    public static TimelineEntry of(String code, String month, long taken, long returned) {
        Region region =
                Regions.byCode(code).orElseThrow(() -> new IllegalArgumentException("not a region code: " + code));
        return new TimelineEntry(region.code(), region.nameEn(), month, taken, returned);
    }

    /** The month of a day as the timeline writes it: {@code 2022-04}. */
    public static String monthOf(LocalDate day) {
        return YearMonth.from(day).toString();
    }

    /** The key on {@code reunification.timeline}: {@code UA-14/2022-04}. */
    public static String key(String region, String month) {
        return region + '/' + month;
    }

    public String key() {
        return key(region, month);
    }

    /** Whether nothing counts in the entry: a region has entries only for months with a case. */
    public boolean isEmpty() {
        return taken == 0 && returned == 0;
    }

    static boolean isMonth(String month) {
        if (UNKNOWN_MONTH.equals(month)) {
            return true;
        }
        if (month == null || month.length() != 7) {
            return false;
        }
        try {
            YearMonth.parse(month);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
