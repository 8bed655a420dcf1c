package org.reunify.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Refusal;

class EventInputTest {

    private static final Instant NOW = Instant.parse("2025-12-03T12:00:00Z");
    private static final String HEADER = "type,eventId,caseId,region,occurredOn,destination,retracts,reason";
    private static final String DEPORTATION = "DEPORTATION_REPORTED,e-1001,c-7f3a,UA-14,2022-05-01,RU,,";
    private static final String RETURN = "RETURN_CONFIRMED,e-1002,c-7f3a,UA-14,2025-12-01,,,";
    private static final String RETRACTION = "REPORT_RETRACTED,e-1003,c-7f3a,,,,e-1001,entered twice";
    private static final String JSON_LINES = """
            {"type":"DEPORTATION_REPORTED","eventId":"e-1001","caseId":"c-7f3a","region":"UA-14",\
            "occurredOn":"2022-05-01","destination":"RU"}
            {"type":"RETURN_CONFIRMED","eventId":"e-1002","caseId":"c-7f3a","region":"UA-14","occurredOn":"2025-12-01"}
            {"type":"REPORT_RETRACTED","eventId":"e-1003","caseId":"c-7f3a","retracts":"e-1001",\
            "reason":"entered twice"}
            """;

    private final EventLineParser parser = new EventLineParser(new EventFactory("nib", "test/1"));

    @Test
    void csvRowsAreTheEventsOfTheSameJsonLines() throws IOException {
        List<EventInput.Entry> csv = read(InputFormat.csv, String.join("\n", HEADER, DEPORTATION, RETURN, RETRACTION));
        List<EventInput.Entry> json = read(InputFormat.jsonl, JSON_LINES);

        assertThat(csv).extracting(EventInput.Entry::line).containsExactly(2, 3, 4);
        assertThat(csv)
                .extracting(EventInput.Entry::event)
                .containsExactlyElementsOf(
                        json.stream().map(EventInput.Entry::event).toList())
                .doesNotContainNull();
    }

    @Test
    void anEmptyCellIsAnAbsentFieldAndColumnsMayComeInAnyOrder() throws IOException {
        List<EventInput.Entry> entries = read(
                InputFormat.csv, "region,type,caseId,eventId,occurredOn\nUA-14,RETURN_CONFIRMED,c-1,e-1,2025-12-01");

        assertThat(entries)
                .singleElement()
                .satisfies(entry -> assertThat(entry.isRefused()).isFalse());
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndsAreNotPartOfAnyCell() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = String.join("\r\n", HEADER, DEPORTATION, RETURN, "").getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, input, 0, bom.length);
        System.arraycopy(text, 0, input, bom.length, text.length);

        List<EventInput.Entry> entries = read(InputFormat.csv, input);

        assertThat(entries).hasSize(2).noneMatch(EventInput.Entry::isRefused);
    }

    @Test
    void aQuotedCellMayHoldTheSeparatorAndDoubledQuotes() throws IOException {
        List<EventInput.Entry> entries = read(
                InputFormat.csv,
                HEADER + "\nREPORT_RETRACTED,e-1003,c-7f3a,,,,e-1001,\"entered twice, \"\"by mistake\"\"\"");

        assertThat(entries.get(0).event().getBody().toString()).contains("entered twice, \\\"by mistake\\\"");
    }

    @Test
    void semicolonsSeparateTheCellsWhenTheHeaderUsesThem() throws IOException {
        List<EventInput.Entry> entries =
                read(InputFormat.csv, HEADER.replace(',', ';') + "\n" + DEPORTATION.replace(',', ';'));

        assertThat(entries)
                .singleElement()
                .satisfies(entry -> assertThat(entry.isRefused()).isFalse());
    }

    @Test
    void aHeaderNamingAnUnknownColumnIsRefusedAndSoIsEveryRowUnderItEachWithItsLine() throws IOException {
        List<EventInput.Entry> entries = read(InputFormat.csv, HEADER + ",name\n" + DEPORTATION + ",x\n\n" + RETURN);

        assertThat(entries).extracting(EventInput.Entry::line).containsExactly(1, 2, 4);
        assertThat(entries.get(0).refusal())
                .isEqualTo(Refusal.INVALID_EVENT.because("the header names an unknown column 'name' (columns: "
                        + "caseId, destination, eventId, occurredOn, reason, region, retracts, type)"));
        assertThat(entries.get(1).refusal().detail()).isEqualTo("not read, for the header on line 1 is refused");
        assertThat(entries.get(2).refusal().detail()).isEqualTo("not read, for the header on line 1 is refused");
    }

    @Test
    void aHeaderWithoutTypeOrWithAColumnTwiceIsRefused() throws IOException {
        assertThat(read(InputFormat.csv, "eventId,caseId\ne-1,c-1")
                        .get(0)
                        .refusal()
                        .detail())
                .startsWith("the header has no column 'type'");
        assertThat(read(InputFormat.csv, "type,eventId,type\nx,y,z")
                        .get(0)
                        .refusal()
                        .detail())
                .isEqualTo("the header names the column 'type' twice");
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefusedAloneAndTheNextRowIsRead() throws IOException {
        List<EventInput.Entry> entries =
                read(InputFormat.csv, String.join("\n", HEADER, "RETURN_CONFIRMED,e-1", RETURN));

        assertThat(entries.get(0).refusal().detail())
                .isEqualTo("the row has 2 cells where the header (line 1) names 8 columns");
        assertThat(entries.get(1).isRefused()).isFalse();
    }

    @Test
    void aQuoteLeftOpenRefusesItsOwnRowOnly() throws IOException {
        List<EventInput.Entry> entries =
                read(InputFormat.csv, String.join("\n", HEADER, RETRACTION.replace("entered", "\"entered"), RETURN));

        assertThat(entries.get(0).refusal().detail()).startsWith("cell 8 opens a quote that does not close");
        assertThat(entries.get(1).isRefused()).isFalse();
    }

    @Test
    void aCellBreakingAFieldRuleIsRefusedWithTheReasonJsonLinesGet() throws IOException {
        String row = "DEPORTATION_REPORTED,e-1,c-1,UA-44,2022-05-01,,,";
        String line = "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\",\"region\":\"UA-44\","
                + "\"occurredOn\":\"2022-05-01\"}";

        assertThat(read(InputFormat.csv, HEADER + "\n" + row).get(0).refusal())
                .isEqualTo(read(InputFormat.jsonl, line).get(0).refusal())
                .extracting(Refusal.Refused::code)
                .isEqualTo(Refusal.INVALID_EVENT);
    }

    @Test
    void aLineLongerThanAnyEventIsOversizedInEitherFormat() throws IOException {
        String huge = RETRACTION + "x".repeat(LineReader.MAX_LINE_BYTES);

        assertThat(read(InputFormat.csv, HEADER + "\n" + huge).get(0).refusal().code())
                .isEqualTo(Refusal.OVERSIZED);
        assertThat(read(InputFormat.jsonl, huge).get(0).refusal().code()).isEqualTo(Refusal.OVERSIZED);
    }

    @Test
    void theFormatOfAFileIsCsvWhenItsNameSaysSo() {
        assertThat(InputFormat.forFile("events.CSV")).isEqualTo(InputFormat.csv);
        assertThat(InputFormat.forFile("events.jsonl")).isEqualTo(InputFormat.jsonl);
        assertThat(InputFormat.forFile("-")).isEqualTo(InputFormat.jsonl);
    }

    private List<EventInput.Entry> read(InputFormat format, String text) throws IOException {
        return read(format, text.getBytes(StandardCharsets.UTF_8));
    }

    private List<EventInput.Entry> read(InputFormat format, byte[] bytes) throws IOException {
        List<EventInput.Entry> entries = new ArrayList<>();
        try (EventInput input = new EventInput(new ByteArrayInputStream(bytes), format, parser, NOW)) {
            for (EventInput.Entry entry = input.next(); entry != null; entry = input.next()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
