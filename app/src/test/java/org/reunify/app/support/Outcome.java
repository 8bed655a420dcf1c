package org.reunify.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/**
 * What the pipeline made of what a hostile or broken client sent, as a row of the hostile-input table in {@code
 * docs/SECURITY.md}: each check appends who sent what, what should become of it and what did to {@code
 * target/hostile.md}, then asserts that the two agree.
 */
public final class Outcome {

    private static final ResultTable TABLE = new ResultTable(
            Path.of("target", "hostile.md"), "| who | sends | expected | observed |\n|---|---|---|---|\n");

    private Outcome() {}

    /** Records the row and asserts that what was observed is what was expected (and perhaps says more). */
    public static void expect(String who, String sends, String expected, String observed) {
        TABLE.append(String.format("| %s | %s | %s | %s |%n", who, sends, expected, observed));
        assertThat(observed).as("%s sends %s", who, sends).startsWith(expected);
    }
}
