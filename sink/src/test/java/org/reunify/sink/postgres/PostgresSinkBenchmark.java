package org.reunify.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reunify.sink.TotalsTopicFixture;
import org.reunify.testkit.KafkaBrokerExtension;
import org.reunify.testkit.PostgresServer;

/**
 * How many tally changes a second the PostgreSQL sink writes, exactly once, from a backlog on the totals topic:
 * {@code ./mvnw -Pbenchmark -pl sink -am verify}. Not part of {@code ./mvnw verify}.
 */
class PostgresSinkBenchmark {

    private static final int CHANGES = Integer.getInteger("reunify.bench.changes", 200_000);

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void writesABacklogOfTallyChanges() throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                TotalsTopicFixture totals = new TotalsTopicFixture(KAFKA.broker())) {
            totals.publish(CHANGES);
            Database database = new Database(postgres.createDatabase(), postgres.user(), postgres.password());
            long started = System.nanoTime();
            PostgresTallySink sink = new PostgresTallySink(KAFKA.broker().clientConfig(), database);
            Thread thread = new Thread(sink, "postgres-sink");
            thread.start();
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> historyRows(postgres, database) >= CHANGES);
            long elapsed = System.nanoTime() - started;
            sink.close();
            thread.join();

            System.out.printf(
                    "%nPostgreSQL sink: %,d changes in %.1f s = %,d changes/s (start, migrations and group join "
                            + "included)%n%n",
                    CHANGES, elapsed / 1e9, CHANGES * 1_000_000_000L / elapsed);
            assertThat(PostgresTallies.history(database)).isEqualTo(totals.changes());
        }
    }

    private static long historyRows(PostgresServer postgres, Database database) {
        try (Connection connection = postgres.connect(database.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM region_tally_history")) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }
}
