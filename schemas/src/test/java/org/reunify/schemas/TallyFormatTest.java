package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyFormatTest {

    private static final Tally KHERSON = Tally.of("UA-65", 12_345, 2_345, Instant.parse("2026-03-01T10:15:30Z"));
    private static final Tally NEVER_UPDATED = Tally.of("UA-05", 0, 0, null);

    @Test
    void theTableGroupsThousandsAndShowsTheUpdateInUtc() {
        String table = print(TallyFormat.table, List.of(KHERSON));

        assertThat(table.lines().toList().get(0)).startsWith("REGION").contains("OUTSTANDING", "UPDATED (UTC)");
        assertThat(table.lines().toList().get(1))
                .startsWith("UA-65")
                .contains("12,345", "2,345", "10,000", "2026-03-01 10:15:30");
    }

    @Test
    void theTableShowsADashForATallyNeverUpdated() {
        String row = print(TallyFormat.table, List.of(NEVER_UPDATED))
                .lines()
                .toList()
                .get(1);

        assertThat(row).startsWith("UA-05").endsWith("  -");
    }

    @Test
    void jsonAndCsvAreTheTallyShapesOfDesign() {
        List<Tally> tallies = List.of(KHERSON, NEVER_UPDATED);

        assertThat(print(TallyFormat.json, tallies)).isEqualTo(TallyJson.toJsonArray(tallies));
        assertThat(print(TallyFormat.csv, tallies)).isEqualTo(TallyCsv.format(tallies));
    }

    @Test
    void aDestinationTallyIsKeyedByDestinationInEveryFormat() throws Exception {
        List<Tally> rows = List.of(Tally.of(Breakdown.destination, "KP", 12, 0, Instant.parse("2026-03-01T10:15:30Z")));

        assertThat(new ObjectMapper()
                        .readTree(print(TallyFormat.json, rows))
                        .get(0)
                        .toString())
                .isEqualTo("{\"destination\":\"KP\",\"name\":\"North Korea\",\"deported\":12,\"returned\":0,"
                        + "\"outstanding\":12,\"updatedAt\":\"2026-03-01T10:15:30.000Z\"}");
        assertThat(print(TallyFormat.csv, rows).lines())
                .containsExactly(
                        "destination,name,deported,returned,outstanding,updatedAt",
                        "KP,North Korea,12,0,12,2026-03-01T10:15:30.000Z");
        assertThat(print(TallyFormat.table, rows).lines().toList().get(0)).startsWith("DESTINATION NAME");
    }

    private static String print(TallyFormat format, List<Tally> tallies) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            format.print(tallies, out);
        }
        return text.toString();
    }
}
