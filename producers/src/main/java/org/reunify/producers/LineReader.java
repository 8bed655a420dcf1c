package org.reunify.producers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.reunify.schemas.Refusal;

/**
 * Reads an agency's file (JSON Lines or CSV) one line at a time as raw bytes, so that one line that is not UTF-8 or is
 * absurdly long is refused on its own instead of spoiling the file. A byte order mark before the first line and the
 * {@code \r} of a CRLF line end are not part of any line. Of a line over the limit only the first
 * {@link #MAX_LINE_BYTES} are kept while the rest is scanned for its end, a chunk at a time: a line of gigabytes costs
 * time, not memory.
 */
final class LineReader implements AutoCloseable {

    static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private int position;
    private int limit;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private int lineNumber;
    private boolean atEnd;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        if (atEnd) {
            return null;
        }
        buffer.reset();
        long length = 0;
        boolean ended = false;
        while (!ended && fill()) {
            int end = position;
            while (end < limit && chunk[end] != '\n') {
                end++;
            }
            ended = end < limit;
            if (length < MAX_LINE_BYTES) {
                buffer.write(chunk, position, (int) Math.min(end - position, MAX_LINE_BYTES - length));
            }
            length += end - position;
            position = ended ? end + 1 : end;
        }
        if (!ended) {
            atEnd = true;
            if (length == 0) {
                return null;
            }
        }
        lineNumber++;
        if (length > MAX_LINE_BYTES) {
            return Line.oversized(lineNumber, "line is " + length + " bytes long; an event fits in " + MAX_LINE_BYTES);
        }
        byte[] bytes = buffer.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        int start = lineNumber == 1 && startsWithBom(bytes) ? 3 : 0;
        try {
            return Line.text(
                    lineNumber,
                    utf8.decode(ByteBuffer.wrap(bytes, start, Math.max(0, end - start)))
                            .toString());
        } catch (CharacterCodingException e) {
            return Line.refused(lineNumber, "line is not valid UTF-8");
        }
    }

    /** Whether there are bytes left to scan, reading the next chunk once this one is used up. */
    private boolean fill() throws IOException {
        if (position == limit) {
            position = 0;
            limit = Math.max(0, in.read(chunk));
            return limit > 0;
        }
        return true;
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A line's text, or why it cannot even be read as text. */
    record Line(int number, String text, Refusal.Refused refusal) {

        static Line text(int number, String text) {
            return new Line(number, text, null);
        }

        static Line refused(int number, String reason) {
            return new Line(number, null, Refusal.INVALID_EVENT.because(reason));
        }

        /** Longer than any event: the code the stream gives a record of that size. */
        static Line oversized(int number, String reason) {
            return new Line(number, null, Refusal.OVERSIZED.because(reason));
        }
    }
}
