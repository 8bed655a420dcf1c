package org.reunify.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reunify.streams.rules.EventKind;

class ExplanationFormatTest {

    private static final Instant REPORTED = Instant.parse("2026-02-01T08:00:00Z");
    private static final CaseExplanation.Line REPORT = new CaseExplanation.Line(
            "nib",
            "nib-0001",
            EventKind.DEPORTATION_REPORTED,
            REPORTED,
            "UA-65",
            LocalDate.parse("2022-10-03"),
            "live",
            true);
    private static final CaseExplanation.Line RETRACTION = new CaseExplanation.Line(
            "nib",
            "nib-0002",
            EventKind.REPORT_RETRACTED,
            REPORTED.plusSeconds(60),
            null,
            null,
            "retracts nib/nib-0001",
            false);

    @Test
    void theListingNamesWhereTheCaseCountsWhereTheChildWasTakenAndTheReportThatDecidesIt() {
        String listing =
                table("UA-65 Kherson", new CaseExplanation("c-1", "UA-65", "KP", true, false, List.of(REPORT)));

        assertThat(listing)
                .startsWith("UA-65 Kherson\n\n")
                .contains("case c-1: counts in UA-65 as deported, not returned, destination KP\n")
                .contains("nib-0001", "DEPORTATION_REPORTED", "2022-10-03", "live, decides the region");
    }

    @Test
    void aCaseWhoseEveryReportIsRetractedCountsNowhere() {
        String listing = table(null, new CaseExplanation("c-2", null, null, false, false, List.of(REPORT, RETRACTION)));

        assertThat(listing).startsWith("case c-2: counts nowhere (every report retracted)\n");
        assertThat(listing.lines().filter(line -> line.contains("REPORT_RETRACTED")))
                .singleElement()
                .asString()
                .endsWith("retracts nib/nib-0001");
    }

    @Test
    void jsonCarriesEveryFieldOfEveryLineWithNullsForWhatARetractionLacks() throws Exception {
        JsonNode cases = new ObjectMapper()
                .readTree(ExplanationFormat.json(
                        List.of(new CaseExplanation("c-2", null, null, false, false, List.of(REPORT, RETRACTION)))));

        JsonNode only = cases.get(0);
        assertThat(only.get("caseId").asText()).isEqualTo("c-2");
        assertThat(only.get("region").isNull()).isTrue();
        assertThat(only.get("destination").isNull()).isTrue();
        JsonNode report = only.get("events").get(0);
        assertThat(report.get("reportedAt").asText()).isEqualTo("2026-02-01T08:00:00.000Z");
        assertThat(report.get("occurredOn").asText()).isEqualTo("2022-10-03");
        assertThat(report.get("decidesRegion").asBoolean()).isTrue();
        JsonNode retraction = only.get("events").get(1);
        assertThat(retraction.get("type").asText()).isEqualTo("REPORT_RETRACTED");
        assertThat(retraction.get("region").isNull()).isTrue();
        assertThat(retraction.get("occurredOn").isNull()).isTrue();
    }

    private static String table(String title, CaseExplanation explained) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            ExplanationFormat.table(title, List.of(explained), out);
        }
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
