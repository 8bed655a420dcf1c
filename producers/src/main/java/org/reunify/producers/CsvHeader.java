package org.reunify.producers;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reunify.schemas.Refusal;

/**
 * The first row of an agency's CSV: the fields its columns hold, in any order, each at most once, {@code type} among
 * them. A header naming anything else is refused, and with it every row after it, each with its line: a column the
 * reader does not know would otherwise be dropped unseen (JSON Lines refuses an unknown field for the same reason).
 */
final class CsvHeader {

    private final int line;
    private final char separator;
    private final List<String> columns;
    private final String problem;

    private CsvHeader(int line, char separator, List<String> columns, String problem) {
        this.line = line;
        this.separator = separator;
        this.columns = columns;
        this.problem = problem;
    }

    static CsvHeader read(int line, String text) {
        char separator = CsvRow.separatorOf(text);
        List<String> columns;
        try {
            columns = CsvRow.cells(text, separator);
        } catch (CsvRow.Malformed e) {
            return refused(line, e.getMessage());
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!EventLineParser.FIELD_NAMES.contains(column)) {
                return refused(
                        line,
                        "the header names an unknown column " + printable(column) + " (columns: "
                                + String.join(", ", EventLineParser.FIELD_NAMES) + ")");
            }
            if (!seen.add(column)) {
                return refused(line, "the header names the column '" + column + "' twice");
            }
        }
        if (!seen.contains("type")) {
            return refused(
                    line,
                    "the header has no column 'type': the first row must name the fields ("
                            + String.join(", ", EventLineParser.FIELD_NAMES) + ")");
        }
        return new CsvHeader(line, separator, List.copyOf(columns), null);
    }

    /** A header line that could not even be read as text. */
    static CsvHeader refused(int line, String problem) {
        return new CsvHeader(line, ',', List.of(), problem);
    }

    /** Why the header is refused; null when it is not. */
    String problem() {
        return problem;
    }

    /** One row under this header: its event, or why it is refused. */
    EventInput.Entry row(LineReader.Line row, EventLineParser parser, Instant publishedAt) {
        if (problem != null) {
            return refusedRow(row, "not read, for the header on line " + line + " is refused");
        }
        List<String> cells;
        try {
            cells = CsvRow.cells(row.text(), separator);
        } catch (CsvRow.Malformed e) {
            return refusedRow(row, e.getMessage());
        }
        if (cells.size() != columns.size()) {
            return refusedRow(
                    row,
                    "the row has " + cells.size() + " cells where the header (line " + line + ") names "
                            + columns.size() + " columns");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            fields.put(columns.get(i), cells.get(i));
        }
        EventLineParser.Parsed parsed = parser.parse(fields, publishedAt);
        return parsed.isRefused()
                ? refusedRow(row, parsed.refusal())
                : new EventInput.Entry(row.number(), parsed.event(), null);
    }

    private static EventInput.Entry refusedRow(LineReader.Line row, String reason) {
        return new EventInput.Entry(row.number(), null, Refusal.INVALID_EVENT.because(reason));
    }

    private static String printable(String name) {
        String shown = name.length() > 32 ? name.substring(0, 32) + "…" : name;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
