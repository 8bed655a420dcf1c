package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code reunify} commands in this JVM, as a user would type them, against a test's cluster. */
final class Commands {

    private Commands() {}

    /** What the command prints against the cluster at {@code bootstrap}; it must exit 0. */
    static String run(String bootstrap, String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = Reunify.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(new StringWriter(), true));
        List<String> withBroker = new ArrayList<>(List.of(args));
        withBroker.addAll(List.of("--bootstrap", bootstrap));
        assertThat(command.execute(withBroker.toArray(String[]::new)))
                .as("reunify %s: %s", String.join(" ", args), out)
                .isZero();
        return out.toString();
    }
}
