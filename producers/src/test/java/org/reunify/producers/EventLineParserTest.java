package org.reunify.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;

class EventLineParserTest {

    private static final Instant NOW = Instant.parse("2025-12-03T12:00:00Z");
    private final EventLineParser parser = new EventLineParser(new EventFactory("nib", "test/1"));

    @Test
    void designsThreeExampleLinesAreEvents() {
        ReunificationEvent deportation =
                event("{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"e-1001\",\"caseId\":\"c-7f3a\","
                        + "\"region\":\"UA-14\",\"occurredOn\":\"2022-05-01\",\"destination\":\"RU\"}");
        ReunificationEvent returned =
                event("{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"e-1002\",\"caseId\":\"c-7f3a\","
                        + "\"region\":\"UA-14\",\"occurredOn\":\"2025-12-01\"}");
        ReunificationEvent retraction =
                event("{\"type\":\"REPORT_RETRACTED\",\"eventId\":\"e-1003\",\"caseId\":\"c-7f3a\","
                        + "\"retracts\":\"e-1001\",\"reason\":\"entered twice\"}");

        assertThat(deportation.getAgency()).isEqualTo("nib");
        assertThat(deportation.getBody()).isEqualTo(new DeportationReported("UA-14", LocalDate.of(2022, 5, 1), "RU"));
        assertThat(returned.getBody()).isEqualTo(new ReturnConfirmed("UA-14", LocalDate.of(2025, 12, 1)));
        assertThat(retraction.getBody()).isEqualTo(new ReportRetracted("e-1001", "entered twice"));
    }

    @Test
    void theDestinationIsOptional() {
        ReunificationEvent absent =
                event("{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\",\"region\":\"UA-14\","
                        + "\"occurredOn\":\"2022-05-01\"}");
        ReunificationEvent empty =
                event("{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\",\"region\":\"UA-14\","
                        + "\"occurredOn\":\"2022-05-01\",\"destination\":null}");

        assertThat(((DeportationReported) absent.getBody()).getDestination()).isNull();
        assertThat(((DeportationReported) empty.getBody()).getDestination()).isNull();
    }

    @Test
    void anUnknownFieldIsRefusedNotDropped() {
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\","
                        + "\"region\":\"UA-14\",\"occurredOn\":\"2025-01-01\",\"name\":\"x\"}"))
                .isEqualTo("unknown field 'name' in a RETURN_CONFIRMED event (allowed: caseId, eventId, occurredOn, "
                        + "region, type)");
    }

    @Test
    void aFieldOfAnotherEventTypeIsUnknown() {
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\","
                        + "\"region\":\"UA-14\",\"occurredOn\":\"2025-01-01\",\"destination\":\"RU\"}"))
                .startsWith("unknown field 'destination' in a RETURN_CONFIRMED event");
    }

    @Test
    void anUnknownTypeIsRefused() {
        assertThat(refusal("{\"type\":\"CHILD_FOUND\",\"eventId\":\"e-1\"}")).startsWith("type must be one of");
        assertThat(refusal("{\"eventId\":\"e-1\"}")).isEqualTo("type is missing");
    }

    @Test
    void brokenJsonIsRefusedWithItsPosition() {
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",")).startsWith("not valid JSON (");
        assertThat(refusal("{\"type\" \"RETURN_CONFIRMED\"}"))
                .startsWith("not valid JSON (")
                .contains("column");
        assertThat(refusal("{} {}")).startsWith("not valid JSON (");
    }

    @Test
    void aLineMustBeOneObject() {
        assertThat(refusal("[1,2]")).startsWith("not a JSON object");
        assertThat(refusal("\"text\"")).startsWith("not a JSON object");
    }

    @Test
    void aDuplicateFieldIsRefused() {
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",\"type\":\"DEPORTATION_REPORTED\"}"))
                .startsWith("not valid JSON (Duplicate field 'type'");
    }

    @Test
    void fieldsHaveTheirTypes() {
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",\"eventId\":1001,\"caseId\":\"c-1\","
                        + "\"region\":\"UA-14\",\"occurredOn\":\"2025-01-01\"}"))
                .isEqualTo("eventId must be a string, not number");
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\","
                        + "\"region\":\"UA-14\",\"occurredOn\":\"01.05.2022\"}"))
                .isEqualTo("occurredOn must be an ISO date like 2022-05-01");
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\","
                        + "\"occurredOn\":\"2025-01-01\"}"))
                .isEqualTo("region is missing");
    }

    @Test
    void theFieldRulesOfDesignApply() {
        assertThat(refusal("{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\","
                        + "\"region\":\"UA44\",\"occurredOn\":\"2022-05-01\"}"))
                .contains("Luhansk Oblast, whose ISO code is UA-09");
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\","
                        + "\"region\":\"UA-14\",\"occurredOn\":\"2025-12-04\"}"))
                .isEqualTo("occurredOn 2025-12-04 is after the day it is published (2025-12-03, Kyiv time)");
    }

    @Test
    void aLineNestedThousandsDeepIsRefusedWithAReason() {
        assertThat(refusal("{\"type\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}"))
                .isEqualTo("too big to be an event (Document nesting depth (9) exceeds the maximum allowed (8))");
        assertThat(refusal("{\"type\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}"))
                .startsWith("too big to be an event (Document nesting depth");
    }

    @Test
    void aNumberOfThousandsOfDigitsIsRefusedWithAReason() {
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",\"eventId\":" + "9".repeat(60_000) + "}"))
                .isEqualTo("too big to be an event (Number value length (60000) exceeds the maximum allowed (32))");
        assertThat(refusal("{\"type\":\"RETURN_CONFIRMED\",\"eventId\":1." + "9".repeat(60_000) + "e99999}"))
                .startsWith("too big to be an event (Number value length");
    }

    @Test
    void aLineLongerThanAnEventIsRefusedEvenWhenItDidNotComeThroughTheReader() {
        String line = "{\"type\":\"REPORT_RETRACTED\",\"reason\":\"" + "x".repeat(LineReader.MAX_LINE_BYTES) + "\"}";

        assertThat(refusal(line)).startsWith("too big to be an event (Document length");
    }

    @Test
    void aRefusalNeverEchoesTheCaseId() {
        String line = "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"bad "
                + "id\",\"caseId\":\"secret-case-4711\",\"region\":\"UA-14\",\"occurredOn\":\"2022-05-01\"}";

        assertThat(refusal(line)).doesNotContain("secret-case-4711");
    }

    private ReunificationEvent event(String line) {
        EventLineParser.Parsed parsed = parser.parse(line, NOW);
        assertThat(parsed.refusal()).isNull();
        return parsed.event();
    }

    private String refusal(String line) {
        EventLineParser.Parsed parsed = parser.parse(line, NOW);
        assertThat(parsed.isRefused()).as("refused: %s", line).isTrue();
        return parsed.refusal();
    }
}
