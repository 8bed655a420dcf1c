package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code export} refuses before it reads anything. */
class ExportOptionsTest {

    private final StringWriter err = new StringWriter();
    private final CommandLine command = Reunify.commandLine().setErr(new PrintWriter(err, true));

    @Test
    void theFormatMustBeNamed() {
        int exitCode = command.execute("export", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--hxl");
    }

    @Test
    void fromAndToGoWithDaily() {
        int exitCode = command.execute("export", "--hxl", "--from", "2025-12-01", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--from and --to go with --daily");
    }

    @Test
    void aSeriesThatEndsBeforeItStartsIsAUsageError() {
        int exitCode = command.execute(
                "export",
                "--hxl",
                "--daily",
                "--from",
                "2025-12-03",
                "--to",
                "2025-12-01",
                "--bootstrap",
                "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("is after --to");
    }

    @Test
    void aSuppressionThresholdBelowTwoIsAUsageError() {
        int exitCode = command.execute("export", "--hxl", "--suppress-below", "1", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("K >= 2");
    }
}
