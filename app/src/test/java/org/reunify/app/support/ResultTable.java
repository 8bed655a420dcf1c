package org.reunify.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A Markdown table a test run writes row by row under {@code target/}, for a page of {@code docs/} to show. */
public record ResultTable(Path file, String header) {

    /** Appends a row, writing the header first if the table is new. */
    public void append(String row) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, header);
            }
            Files.writeString(file, row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
