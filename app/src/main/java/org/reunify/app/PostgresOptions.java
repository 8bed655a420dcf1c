package org.reunify.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.reunify.sink.postgres.Database;
import picocli.CommandLine.Option;

/** Where the PostgreSQL sink writes, the same for {@code sink}, {@code up} and {@code replay --verify}. */
final class PostgresOptions {

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description = "The PostgreSQL sink's database: jdbc:postgresql://HOST[:PORT]/DATABASE (the sink creates or "
                    + "migrates its tables "
                    + "on start). Logs and output show it with any password hidden, but a command line is "
                    + "visible to every local user: "
                    + "give the password with --db-password-file or the " + PASSWORD_VARIABLE
                    + " environment variable, not in the URL.")
    String jdbcUrl;

    @Option(
            names = "--db-user",
            paramLabel = "USER",
            description = "PostgreSQL user (default: the driver's, or the URL's user=).")
    String user;

    /** For containers, where a secret arrives as an environment variable. */
    static final String PASSWORD_VARIABLE = "REUNIFY_DB_PASSWORD";

    @Option(
            names = "--db-password-file",
            paramLabel = "FILE",
            description = "File whose first line is the PostgreSQL password (default: the " + PASSWORD_VARIABLE
                    + " environment variable, if set); never given on the command line, never logged.")
    Path passwordFile;

    Optional<Database> database() {
        if (jdbcUrl == null) {
            return Optional.empty();
        }
        return Optional.of(
                new Database(jdbcUrl, user, passwordFile == null ? System.getenv(PASSWORD_VARIABLE) : readPassword()));
    }

    private String readPassword() {
        try {
            return Files.readAllLines(passwordFile).stream().findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --db-password-file " + passwordFile, e);
        }
    }
}
