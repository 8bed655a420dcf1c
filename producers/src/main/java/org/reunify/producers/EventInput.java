package org.reunify.producers;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * An agency's file read as events, one line at a time, whatever its size: each non-blank line becomes an event or a
 * refusal with its line number and reason. The one way {@code reunify publish} and the gateway read what an agency
 * hands over, in either {@link InputFormat}. Blank lines are skipped; a CSV header is no entry unless it is refused.
 */
public final class EventInput implements AutoCloseable {

    /** One line: its event, or why it is refused (never both). */
    public record Entry(int line, ReunificationEvent event, Refusal.Refused refusal) {

        public boolean isRefused() {
            return refusal != null;
        }
    }

    private final LineReader lines;
    private final InputFormat format;
    private final EventLineParser parser;
    private final Instant publishedAt;
    private CsvHeader header;

    /**
     * @param publishedAt when the events are being published: none may have occurred after that day
     */
    public EventInput(InputStream in, InputFormat format, EventLineParser parser, Instant publishedAt) {
        this.lines = new LineReader(in);
        this.format = format;
        this.parser = parser;
        this.publishedAt = publishedAt;
    }

    /** The next entry, or null at the end of the input. */
    public Entry next() throws IOException {
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            boolean unreadable = line.refusal() != null;
            if (!unreadable && line.text().isBlank()) {
                continue;
            }
            if (format == InputFormat.csv && header == null) {
                header = unreadable
                        ? CsvHeader.refused(line.number(), line.refusal().detail())
                        : CsvHeader.read(line.number(), line.text());
                if (header.problem() != null) {
                    return new Entry(
                            line.number(),
                            null,
                            unreadable ? line.refusal() : Refusal.INVALID_EVENT.because(header.problem()));
                }
                continue;
            }
            if (unreadable) {
                return new Entry(line.number(), null, line.refusal());
            }
            if (format == InputFormat.csv) {
                return header.row(line, parser, publishedAt);
            }
            EventLineParser.Parsed parsed = parser.parse(line.text(), publishedAt);
            return parsed.isRefused()
                    ? new Entry(line.number(), null, Refusal.INVALID_EVENT.because(parsed.refusal()))
                    : new Entry(line.number(), parsed.event(), null);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
