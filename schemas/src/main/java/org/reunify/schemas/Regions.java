package org.reunify.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalogue of Ukraine's 27 first-level units, in ISO code order, and the national total. */
public final class Regions {

    public static final String NATIONAL_CODE = "UA";
    public static final Region NATIONAL = new Region(NATIONAL_CODE, NATIONAL_CODE, "Ukraine", "Україна");

    private static final Map<String, Region> BY_CODE = load();
    private static final Map<String, Region> BY_PCODE = indexByPcode();

    private Regions() {}

    /** The 27 regions, sorted by ISO code. */
    public static List<Region> all() {
        return List.copyOf(BY_CODE.values());
    }

    /** The 27 regions and then {@code UA}: the rows of every tally listing. */
    public static List<Region> allWithNational() {
        List<Region> rows = new ArrayList<>(BY_CODE.values());
        rows.add(NATIONAL);
        return Collections.unmodifiableList(rows);
    }

    public static boolean isRegion(String code) {
        return code != null && BY_CODE.containsKey(code);
    }

    /** A region by ISO code, or the national total for {@code UA}. */
    public static Optional<Region> byCode(String code) {
        if (NATIONAL_CODE.equals(code)) {
            return Optional.of(NATIONAL);
        }
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** A region by its OCHA P-code, to tell an agency which ISO code it meant. */
    public static Optional<Region> byPcode(String pcode) {
        return Optional.ofNullable(BY_PCODE.get(pcode));
    }

    private static Map<String, Region> load() {
        Map<String, Region> regions = new LinkedHashMap<>();
        try (InputStream in = Regions.class.getResourceAsStream("regions.csv")) {
            if (in == null) {
                throw new IllegalStateException("regions.csv is missing from the schemas jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("code,"))
                    .map(line -> line.split(",", -1))
                    .map(cells -> new Region(cells[0], cells[1], cells[2], cells[3]))
                    .sorted((a, b) -> a.code().compareTo(b.code()))
                    .forEach(region -> regions.put(region.code(), region));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(regions);
    }

    private static Map<String, Region> indexByPcode() {
        Map<String, Region> index = new LinkedHashMap<>();
        BY_CODE.values().forEach(region -> index.put(region.pcode(), region));
        return Collections.unmodifiableMap(index);
    }
}
