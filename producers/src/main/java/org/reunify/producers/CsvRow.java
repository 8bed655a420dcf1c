package org.reunify.producers;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of one CSV line (RFC 4180 within a line): separated by commas, or by semicolons where the header is (as
 * spreadsheets write CSV in locales whose decimal mark is a comma); a cell in double quotes may hold the separator and
 * {@code ""} for a quote. A cell cannot hold a line break: a quote left open at the end of its line is an error, so
 * that one bad row never swallows the rows after it.
 */
final class CsvRow {

    private static final char QUOTE = '"';

    private CsvRow() {}

    /** The separator a header line uses: a semicolon if it has one and no comma, else a comma. */
    static char separatorOf(String header) {
        return header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
    }

    /** The cells of the line, or (as an exception) what makes it no CSV row. */
    static List<String> cells(String line, char separator) throws Malformed {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (true) {
            cell.setLength(0);
            if (i < line.length() && line.charAt(i) == QUOTE) {
                i = quoted(line, i + 1, cell, cells.size() + 1);
                if (i < line.length() && line.charAt(i) != separator) {
                    throw new Malformed("cell " + (cells.size() + 1) + " has text after its closing quote");
                }
            } else {
                int end = line.indexOf(separator, i);
                end = end < 0 ? line.length() : end;
                int quote = line.indexOf(QUOTE, i);
                if (quote >= 0 && quote < end) {
                    throw new Malformed("cell " + (cells.size() + 1)
                            + " holds a quote but does not start with one (inside a quoted cell, write a quote twice)");
                }
                cell.append(line, i, end);
                i = end;
            }
            cells.add(cell.toString());
            if (i >= line.length()) {
                return cells;
            }
            i++;
        }
    }

    /** Reads a quoted cell's text from just after its opening quote; returns the position after its closing quote. */
    private static int quoted(String line, int from, StringBuilder cell, int number) throws Malformed {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != QUOTE) {
                cell.append(c);
                i++;
            } else if (i + 1 < line.length() && line.charAt(i + 1) == QUOTE) {
                cell.append(QUOTE);
                i += 2;
            } else {
                return i + 1;
            }
        }
        throw new Malformed(
                "cell " + number + " opens a quote that does not close on its line (a cell cannot hold a line break)");
    }

    /** A line that is no CSV row. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
