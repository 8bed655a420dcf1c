package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code replay} refuses before it reads anything: options that do not go together. */
class ReplayOptionsTest {

    private final StringWriter err = new StringWriter();
    private final CommandLine command = Reunify.commandLine().setErr(new PrintWriter(err, true));

    @Test
    void destinationTalliesAreNotVerifiedOrExplainedYet() {
        int exitCode = command.execute("replay", "--by", "destination", "--verify", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--verify and --explain work by region");
    }

    @Test
    void aBreakdownOtherThanRegionOrDestinationIsAUsageError() {
        int exitCode = command.execute("replay", "--by", "country", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("region", "destination");
    }
}
