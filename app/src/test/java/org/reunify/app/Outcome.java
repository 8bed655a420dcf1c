package org.reunify.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pipeline made of what a hostile or broken client sent, as a row of the hostile-input table in {@code
 * docs/SECURITY.md}: each check appends who sent what, what should become of it and what did to {@code
 * target/hostile.md}, then asserts that the two agree.
 */
final class Outcome {

    private static final Path TABLE = Path.of("target", "hostile.md");

    private Outcome() {
    }

    /** Records the row and asserts that what was observed is what was expected (and perhaps says more). */
    static void expect(String who, String sends, String expected, String observed) {
        String row = String.format("| %s | %s | %s | %s |%n", who, sends, expected, observed);
        try {
            Files.createDirectories(TABLE.getParent());
            if (!Files.exists(TABLE)) {
                Files.writeString(TABLE, "| who | sends | expected | observed |\n|---|---|---|---|\n");
            }
            Files.writeString(TABLE, row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(observed).as("%s sends %s", who, sends).startsWith(expected);
    }
}
