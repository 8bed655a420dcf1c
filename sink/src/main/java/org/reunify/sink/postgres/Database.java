package org.reunify.sink.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the tallies go: a JDBC URL and, unless the URL or the server's own rules cover it, a user and password.
 *
 * @param password never logged; null when the server needs none
 */
public record Database(String jdbcUrl, String user, String password) implements ConnectionSource {

    public Database {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--jdbc-url must be a PostgreSQL URL (jdbc:postgresql://HOST[:PORT]/DATABASE), got " + jdbcUrl);
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
        Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        connection.setAutoCommit(false);
        return connection;
    }

    @Override
    public String toString() {
        return jdbcUrl + (user != null ? " as " + user : "");
    }
}
