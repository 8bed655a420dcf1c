package org.reunify.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Refusal;
import org.reunify.testkit.Allocation;

class LineReaderTest {

    @Test
    void linesAreNumberedFromOneAndLineEndingsDoNotMatter() throws IOException {
        assertThat(read("a\r\nb\nc"))
                .containsExactly(
                        LineReader.Line.text(1, "a"), LineReader.Line.text(2, "b"), LineReader.Line.text(3, "c"));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstLine() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(read(concat(bom, "{}\n".getBytes(StandardCharsets.UTF_8))))
                .containsExactly(LineReader.Line.text(1, "{}"));
    }

    @Test
    void aLineThatIsNotUtf8IsRefusedAloneAndTheNextLineIsRead() throws IOException {
        byte[] input = concat(
                "ok\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x28, '\n'},
                "Київ\n".getBytes(StandardCharsets.UTF_8));

        assertThat(read(input))
                .containsExactly(
                        LineReader.Line.text(1, "ok"),
                        LineReader.Line.refused(2, "line is not valid UTF-8"),
                        LineReader.Line.text(3, "Київ"));
    }

    @Test
    void aHugeLineIsRefusedWithoutHoldingItAndTheNextLineIsRead() throws IOException {
        String huge = "x".repeat(LineReader.MAX_LINE_BYTES * 4);

        List<LineReader.Line> lines = read(huge + "\nnext\n");

        assertThat(lines.get(0).refusal())
                .isEqualTo(
                        Refusal.OVERSIZED.because("line is " + huge.length() + " bytes long; an event fits in 65536"));
        assertThat(lines.get(1)).isEqualTo(LineReader.Line.text(2, "next"));
    }

    @Test
    void aLineOfHundredsOfMegabytesIsRefusedWithoutBeingHeldAndTheNextLineIsRead() {
        long giant = 200L << 20;
        InputStream input =
                new SequenceInputStream(new EndlessLine('a', giant), new ByteArrayInputStream(utf8("\n{}\n")));
        List<LineReader.Line> lines = new ArrayList<>();

        Allocation reading = Allocation.of(() -> readInto(input, lines));

        assertThat(reading.thrown()).isNull();
        assertThat(lines)
                .containsExactly(
                        LineReader.Line.oversized(1, "line is 209715200 bytes long; an event fits in 65536"),
                        LineReader.Line.text(2, "{}"));
        assertThat(reading.bytes()).as("bytes allocated reading a 200 MiB line").isLessThan(1L << 20);
    }

    @Test
    void linesComeOutTheSameHoweverTheInputArrivesInPieces() throws IOException {
        Random random = new Random(14);
        int[] lengths = {
            0,
            1,
            2,
            LineReader.MAX_LINE_BYTES - 1,
            LineReader.MAX_LINE_BYTES,
            LineReader.MAX_LINE_BYTES + 1,
            3 * LineReader.MAX_LINE_BYTES,
            200_000
        };
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        List<LineReader.Line> expected = new ArrayList<>();
        for (int number = 1; number <= 300; number++) {
            int length = random.nextBoolean() ? lengths[random.nextInt(lengths.length)] : random.nextInt(100);
            String text = "x".repeat(length);
            String ending = random.nextInt(4) == 0 ? "\r\n" : "\n";
            input.writeBytes(utf8(text + ending));
            int raw = length + ending.length() - 1;
            expected.add(
                    raw > LineReader.MAX_LINE_BYTES
                            ? LineReader.Line.oversized(
                                    number, "line is " + raw + " bytes long; an event fits in 65536")
                            : LineReader.Line.text(number, text));
        }
        List<LineReader.Line> lines = new ArrayList<>();

        readInto(new Trickle(input.toByteArray(), random), lines);

        assertThat(lines).isEqualTo(expected);
    }

    @Test
    void aTrailingNewlineDoesNotMakeAnExtraLine() throws IOException {
        assertThat(read("a\n")).hasSize(1);
        assertThat(read("")).isEmpty();
    }

    private static List<LineReader.Line> read(String text) throws IOException {
        return read(utf8(text));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<LineReader.Line> read(byte[] bytes) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        readInto(new ByteArrayInputStream(bytes), lines);
        return lines;
    }

    private static void readInto(InputStream input, List<LineReader.Line> lines) throws IOException {
        try (LineReader reader = new LineReader(input)) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
    }

    /** One byte repeated, never held in memory: the start of a line that does not end. */
    private static final class EndlessLine extends InputStream {

        private final byte filler;
        private long remaining;

        EndlessLine(char filler, long length) {
            this.filler = (byte) filler;
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return filler;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (remaining == 0) {
                return length == 0 ? 0 : -1;
            }
            int count = (int) Math.min(length, remaining);
            Arrays.fill(into, offset, offset + count, filler);
            remaining -= count;
            return count;
        }
    }

    /** Hands out its bytes a random few at a time, as a pipe or a socket does. */
    private static final class Trickle extends ByteArrayInputStream {

        private final Random random;

        Trickle(byte[] bytes, Random random) {
            super(bytes);
            this.random = random;
        }

        @Override
        public synchronized int read(byte[] into, int offset, int length) {
            return super.read(into, offset, Math.min(length, 1 + random.nextInt(100_000)));
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
