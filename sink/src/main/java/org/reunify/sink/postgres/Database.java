package org.reunify.sink.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the tallies go: a JDBC URL and, unless the URL or the server's own rules cover it, a user and password.
 * Shown (in logs, messages, command output) only as its {@link #toString()}, which hides every password, the URL's
 * own {@code password=} and {@code user:password@} included.
 *
 * @param password never logged; null when the server needs none
 */
public record Database(String jdbcUrl, String user, String password) implements ConnectionSource {

    public Database {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "--jdbc-url must be a PostgreSQL URL (jdbc:postgresql://HOST[:PORT]/DATABASE), got "
                            + JdbcUrls.redact(jdbcUrl));
        }
    }

    @Override
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "reunify sink");
        Connection connection;
        try {
            connection = DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            throw withoutPasswords(e);
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /** DriverManager's own message quotes the URL whole ("No suitable driver found for …"). */
    private SQLException withoutPasswords(SQLException failure) {
        String message = failure.getMessage();
        if (message == null || !message.contains(jdbcUrl)) {
            return failure;
        }
        return new SQLException(
                message.replace(jdbcUrl, JdbcUrls.redact(jdbcUrl)), failure.getSQLState(), failure.getErrorCode());
    }

    @Override
    public String toString() {
        return JdbcUrls.redact(jdbcUrl) + (user != null ? " as " + user : "");
    }
}
