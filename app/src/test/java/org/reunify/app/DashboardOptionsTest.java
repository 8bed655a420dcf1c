package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.reunify.dashboard.http.AllowedHosts;
import picocli.CommandLine;

/** The dashboard's options as {@code up} and {@code dashboard} take them. */
class DashboardOptionsTest {

    @Test
    void theNamesOfWallScreensAreGivenByRepeatingTheOptionOrWithCommas() {
        DashboardCommand command = new DashboardCommand();
        new CommandLine(command)
                .parseArgs(
                        "--http-host",
                        "0.0.0.0",
                        "--http-allowed-host",
                        "wall.example",
                        "--http-allowed-host",
                        "kiosk-1.lan,kiosk-2.lan");

        AllowedHosts hosts = command.dashboard.http.allowedHosts();

        assertThat(new String[] {"wall.example:8080", "kiosk-1.lan", "kiosk-2.lan:8080", "localhost:8080"})
                .allMatch(hosts::allows);
        assertThat(hosts.allows("evil.example:8080")).isFalse();
    }

    @Test
    void aNameWithAPortIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine command = Reunify.commandLine().setErr(new PrintWriter(err));

        int exitCode = command.execute("dashboard", "--http-allowed-host", "wall.example:8080", "--http-port", "0");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("--http-allowed-host", "'wall.example:8080'", "without a port");
    }

    @Test
    void theHelpSaysWhatTheOptionIsFor() {
        StringWriter out = new StringWriter();

        Reunify.commandLine().setOut(new PrintWriter(out)).execute("up", "--help");

        assertThat(out.toString()).contains("--http-allowed-host=NAME", "DNS rebinding");
    }
}
