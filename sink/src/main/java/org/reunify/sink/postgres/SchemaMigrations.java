package org.reunify.sink.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's tables, created and migrated on start by numbered SQL scripts, each applied once and recorded in
 * {@code reunify_schema_history}. Scripts are never edited once released: a change is a new script.
 */
public final class SchemaMigrations {

    /** In order: script {@code i} takes the schema to version {@code i + 1}. */
    static final List<String> SCRIPTS = List.of(
            "V1__region_tallies.sql",
            "V2__region_tally_history.sql",
            "V3__destination_and_daily_tallies.sql",
            "V4__region_timeline.sql");

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private SchemaMigrations() {}

    public static int latestVersion() {
        return SCRIPTS.size();
    }

    /** Brings the schema to the latest version; returns how many scripts it applied. */
    public static int migrate(Connection connection) throws SQLException {
        return migrateTo(connection, latestVersion());
    }

    /**
     * Brings the schema to {@code target}, in one transaction that holds a lock on the history table, so two sinks
     * starting together cannot both apply a script.
     */
    static int migrateTo(Connection connection, int target) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS reunify_schema_history ("
                    + "version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL "
                    + "DEFAULT now())");
            statement.execute("LOCK TABLE reunify_schema_history IN EXCLUSIVE MODE");
            int current = currentVersion(connection);
            if (current > latestVersion()) {
                throw new IllegalStateException(
                        "the database schema is at version " + current + ", newer than this reunify knows ("
                                + latestVersion() + "): upgrade reunify before running its sink on this database");
            }
            for (int version = current + 1; version <= target; version++) {
                apply(connection, version);
            }
            connection.commit();
            return Math.max(0, target - current);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM reunify_schema_history")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static void apply(Connection connection, int version) throws SQLException {
        String script = SCRIPTS.get(version - 1);
        try (Statement statement = connection.createStatement()) {
            statement.execute(read(script));
        }
        try (PreparedStatement record =
                connection.prepareStatement("INSERT INTO reunify_schema_history (version, script) VALUES (?, ?)")) {
            record.setInt(1, version);
            record.setString(2, script);
            record.executeUpdate();
        }
        LOG.info("database schema migrated to version {} ({})", version, script);
    }

    private static String read(String script) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the jar: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
