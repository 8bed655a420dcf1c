package org.reunify.sink.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.reunify.schemas.Tally;

/** What the PostgreSQL sink has written, read back: for auditors and for the sink's own tests. */
public final class PostgresTallies {

    /** One row of {@code region_tally_history}: a change and where it was on the totals topic. */
    public record HistoryRow(int partition, long offset, Tally tally) {}

    private PostgresTallies() {}

    /** {@code region_tallies}, sorted by region code. */
    public static List<Tally> tallies(Database database) throws SQLException {
        List<Tally> tallies = new ArrayList<>();
        try (Connection connection = database.open();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT region, name, deported, returned, outstanding, updated_at FROM region_tallies ORDER "
                                + "BY region")) {
            while (rows.next()) {
                tallies.add(new Tally(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getLong(5),
                        instant(rows, 6)));
            }
        }
        return tallies;
    }

    /** {@code region_tally_history} in topic order: by partition, then offset. */
    public static List<HistoryRow> history(Database database) throws SQLException {
        List<HistoryRow> history = new ArrayList<>();
        try (Connection connection = database.open();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT source_partition, source_offset, region, deported, returned, updated_at "
                                + "FROM region_tally_history ORDER BY source_partition, source_offset")) {
            while (rows.next()) {
                history.add(new HistoryRow(
                        rows.getInt(1),
                        rows.getLong(2),
                        Tally.of(rows.getString(3), rows.getLong(4), rows.getLong(5), instant(rows, 6))));
            }
        }
        return history;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
