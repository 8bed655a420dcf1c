package org.reunify.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reunify.testkit.PostgresServer;

/** The sink's tables on a real PostgreSQL server. */
class SchemaMigrationsTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void anEmptyDatabaseGetsEveryTableAtTheLatestVersion() throws SQLException {
        try (Connection connection = postgres.connect(postgres.createDatabase())) {
            int applied = SchemaMigrations.migrate(connection);

            assertThat(applied).isEqualTo(SchemaMigrations.latestVersion());
            assertThat(SchemaMigrations.currentVersion(connection)).isEqualTo(SchemaMigrations.latestVersion());
            assertThat(tables(connection))
                    .contains("region_tallies", "region_tally_history", "sink_offsets", "reunify_schema_history");
        }
    }

    @Test
    void migratingAgainAppliesNothing() throws SQLException {
        try (Connection connection = postgres.connect(postgres.createDatabase())) {
            SchemaMigrations.migrate(connection);

            assertThat(SchemaMigrations.migrate(connection)).isZero();
            assertThat(count(connection, "reunify_schema_history")).isEqualTo(SchemaMigrations.latestVersion());
        }
    }

    @Test
    void aDatabaseOfTheFirstVersionIsMigratedKeepingItsTalliesAndOffsets() throws SQLException {
        try (Connection connection = postgres.connect(postgres.createDatabase())) {
            SchemaMigrations.migrateTo(connection, 1);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO region_tallies VALUES ('UA-14', 'Donetsk Oblast', 10, 4, 6, "
                        + "'2025-12-03T16:04:32.117Z')");
                statement.execute(
                        "INSERT INTO sink_offsets (topic, partition, next_offset) VALUES ('reunification.totals', 0, "
                                + "42)");
            }
            assertThat(tables(connection)).doesNotContain("region_tally_history");

            int applied = SchemaMigrations.migrate(connection);

            assertThat(applied).isEqualTo(SchemaMigrations.latestVersion() - 1);
            assertThat(tables(connection))
                    .contains("region_tally_history", "region_tallies_daily", "destination_tallies");
            assertThat(count(connection, "region_tallies")).isEqualTo(1);
            try (Statement statement = connection.createStatement();
                    ResultSet offset = statement.executeQuery("SELECT next_offset FROM sink_offsets")) {
                offset.next();
                assertThat(offset.getLong(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void aSchemaNewerThanThisReunifyIsRefused() throws SQLException {
        try (Connection connection = postgres.connect(postgres.createDatabase())) {
            SchemaMigrations.migrate(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "INSERT INTO reunify_schema_history (version, script) VALUES (99, 'V99__from_the_future.sql')");
            }

            assertThatThrownBy(() -> SchemaMigrations.migrate(connection))
                    .hasMessageContaining("version 99")
                    .hasMessageContaining("upgrade reunify");
        }
    }

    @Test
    void theTablesRefuseATallyThatBreaksDesignsArithmetic() throws SQLException {
        try (Connection connection = postgres.connect(postgres.createDatabase());
                Statement statement = connection.createStatement()) {
            SchemaMigrations.migrate(connection);

            assertThatThrownBy(() -> statement.execute(
                            "INSERT INTO region_tallies VALUES ('UA-14', 'Donetsk Oblast', 10, 4, 7, NULL)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("check constraint");
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet result = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (result.next()) {
                tables.add(result.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
