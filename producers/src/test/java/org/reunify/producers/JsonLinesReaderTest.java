package org.reunify.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {

    @Test
    void linesAreNumberedFromOneAndLineEndingsDoNotMatter() throws IOException {
        assertThat(read("a\r\nb\nc")).containsExactly(
                JsonLinesReader.Line.text(1, "a"), JsonLinesReader.Line.text(2, "b"), JsonLinesReader.Line.text(3, "c"));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstLine() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(read(concat(bom, "{}\n".getBytes(StandardCharsets.UTF_8)))).containsExactly(JsonLinesReader.Line.text(1, "{}"));
    }

    @Test
    void aLineThatIsNotUtf8IsRefusedAloneAndTheNextLineIsRead() throws IOException {
        byte[] input = concat("ok\n".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28, '\n'}, "Київ\n".getBytes(StandardCharsets.UTF_8));

        assertThat(read(input)).containsExactly(
                JsonLinesReader.Line.text(1, "ok"),
                JsonLinesReader.Line.refused(2, "line is not valid UTF-8"),
                JsonLinesReader.Line.text(3, "Київ"));
    }

    @Test
    void aHugeLineIsRefusedWithoutHoldingItAndTheNextLineIsRead() throws IOException {
        String huge = "x".repeat(JsonLinesReader.MAX_LINE_BYTES * 4);

        List<JsonLinesReader.Line> lines = read(huge + "\nnext\n");

        assertThat(lines.get(0).refusal()).isEqualTo("line is " + huge.length() + " bytes long; an event fits in 65536");
        assertThat(lines.get(1)).isEqualTo(JsonLinesReader.Line.text(2, "next"));
    }

    @Test
    void aTrailingNewlineDoesNotMakeAnExtraLine() throws IOException {
        assertThat(read("a\n")).hasSize(1);
        assertThat(read("")).isEmpty();
    }

    private static List<JsonLinesReader.Line> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonLinesReader.Line> read(byte[] bytes) throws IOException {
        List<JsonLinesReader.Line> lines = new ArrayList<>();
        try (JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(bytes))) {
            for (JsonLinesReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
