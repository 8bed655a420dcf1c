package org.reunify.dashboard.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reunify.dashboard.disclosure.TestTables.table;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.reunify.dashboard.disclosure.PublishedTally;
import org.reunify.dashboard.disclosure.SuppressedTable;
import org.reunify.dashboard.disclosure.Suppression;

class HxlCsvTest {

    private static final LocalDate AS_OF = LocalDate.parse("2025-12-03");
    private static final SuppressedTable EXACT = new SuppressedTable(Suppression.NONE);
    private static final SuppressedTable BELOW_5 = new SuppressedTable(new Suppression(5));

    @Test
    void aHeaderRowComesFirstAndTheHxlHashtagRowSecond() {
        List<List<String>> rows = Rfc4180.parse(HxlCsv.current(AS_OF, EXACT.publish(table("UA-14 10/2"))));

        assertThat(rows.get(0))
                .containsExactly("date", "region", "pcode", "name", "deported", "returned", "outstanding");
        assertThat(rows.get(1))
                .containsExactly(
                        "#date",
                        "#adm1+code",
                        "#adm1+pcode",
                        "#adm1+name",
                        "#affected+children+deported",
                        "#affected+children+returned",
                        "#affected+children+outstanding");
    }

    @Test
    void currentFiguresAreOneRowPerRegionAndTheNationDatedAsOf() {
        List<List<String>> rows = Rfc4180.parse(HxlCsv.current(AS_OF, EXACT.publish(table("UA-09 10/2"))));

        assertThat(rows).hasSize(2 + 28).allSatisfy(row -> assertThat(row).hasSize(7));
        assertThat(rows.subList(2, rows.size()))
                .allSatisfy(row -> assertThat(row.get(0)).isEqualTo("2025-12-03"));
        assertThat(rows)
                .contains(
                        List.of("2025-12-03", "UA-09", "UA44", "Luhansk Oblast", "10", "2", "8"),
                        List.of("2025-12-03", "UA", "UA", "Ukraine", "10", "2", "8"));
    }

    @Test
    void aDailyTablesIsOneRowPerRegionAndDay() {
        SortedMap<LocalDate, List<PublishedTally>> series = new TreeMap<>();
        series.put(AS_OF.minusDays(1), EXACT.publish(table("UA-14 9/2")));
        series.put(AS_OF, EXACT.publish(table("UA-14 10/2")));

        List<List<String>> rows = Rfc4180.parse(HxlCsv.daily(series));

        assertThat(rows).hasSize(2 + 2 * 28);
        assertThat(rows)
                .contains(
                        List.of("2025-12-02", "UA-14", "UA14", "Donetsk Oblast", "9", "2", "7"),
                        List.of("2025-12-03", "UA-14", "UA14", "Donetsk Oblast", "10", "2", "8"));
    }

    @Test
    void suppressedCountsAreWrittenAsPublished() {
        List<List<String>> rows =
                Rfc4180.parse(HxlCsv.current(AS_OF, BELOW_5.publish(table("UA-14 3/0", "UA-32 40/0", "UA-46 100/0"))));

        assertThat(rows)
                .contains(
                        List.of("2025-12-03", "UA-14", "UA14", "Donetsk Oblast", "<5", "0", "<5"),
                        List.of("2025-12-03", "UA-32", "UA32", "Kyiv Oblast", ">=5", "0", ">=5"),
                        List.of("2025-12-03", "UA", "UA", "Ukraine", "143", "0", "143"));
    }

    @Test
    void withheldCountsAreEmptyCells() {
        List<List<String>> rows = Rfc4180.parse(
                HxlCsv.current(AS_OF, BELOW_5.publish(table("UA-14 1/0", "UA-32 1/0", "UA-46 1/0", "UA-51 1/0"))));

        assertThat(rows).contains(List.of("2025-12-03", "UA-14", "UA14", "Donetsk Oblast", "", "", ""));
    }

    @Test
    void rowsEndWithCrLfAsRfc4180Has() {
        String csv = HxlCsv.current(AS_OF, EXACT.publish(table("UA-14 10/2")));

        assertThat(csv).endsWith("\r\n").doesNotContainPattern("[^\r]\n");
    }

    /** A reader of RFC 4180 CSV: quoted fields with doubled quotes, CRLF records; strict about anything else. */
    static final class Rfc4180 {

        static List<List<String>> parse(String csv) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            while (i < csv.length()) {
                char c = csv.charAt(i);
                if (c == '"' && field.isEmpty()) {
                    i = quoted(csv, i + 1, field);
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                    i++;
                } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    i += 2;
                } else if (c == '"' || c == '\r' || c == '\n') {
                    throw new IllegalArgumentException("not RFC 4180: " + c + " at " + i);
                } else {
                    field.append(c);
                    i++;
                }
            }
            if (!record.isEmpty() || !field.isEmpty()) {
                throw new IllegalArgumentException("not RFC 4180: the last record lacks its CRLF");
            }
            return records;
        }

        private static int quoted(String csv, int from, StringBuilder field) {
            int i = from;
            while (true) {
                char c = csv.charAt(i);
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                } else if (c == '"') {
                    return i + 1;
                } else {
                    field.append(c);
                    i++;
                }
            }
        }
    }
}
