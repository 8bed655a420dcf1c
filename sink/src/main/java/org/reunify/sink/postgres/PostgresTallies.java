package org.reunify.sink.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;

/** What the PostgreSQL sink has written, read back: for auditors and for the sink's own tests. */
public final class PostgresTallies {

    /** One row of {@code region_tally_history}: a change and where it was on the totals topic. */
    public record HistoryRow(int partition, long offset, Tally tally) {}

    private PostgresTallies() {}

    /** {@code region_tallies}, sorted by region code. */
    public static List<Tally> tallies(Database database) throws SQLException {
        return rows(database, Breakdown.region, "region_tallies", "region", false);
    }

    /** {@code destination_tallies}, sorted by destination code. */
    public static List<Tally> destinationTallies(Database database) throws SQLException {
        return rows(database, Breakdown.destination, "destination_tallies", "destination", false);
    }

    /** {@code region_tallies_daily}, sorted by day, then region. */
    public static List<Tally> dailyTallies(Database database) throws SQLException {
        return rows(database, Breakdown.region, "region_tallies_daily", "day, region", true);
    }

    /** {@code region_timeline}, sorted by month ({@code UNKNOWN} last), then region. */
    public static List<TimelineEntry> timeline(Database database) throws SQLException {
        List<TimelineEntry> entries = new ArrayList<>();
        try (Connection connection = database.open();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT region, name, month, taken, returned FROM region_timeline")) {
            while (rows.next()) {
                entries.add(new TimelineEntry(
                        rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getLong(5)));
            }
        }
        return Tallies.sortedTimeline(entries);
    }

    private static List<Tally> rows(Database database, Breakdown by, String table, String order, boolean daily)
            throws SQLException {
        List<Tally> tallies = new ArrayList<>();
        try (Connection connection = database.open();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + by
                        + ", name, deported, returned, outstanding, updated_at" + (daily ? ", day" : "") + " FROM "
                        + table + " ORDER BY " + order)) {
            while (rows.next()) {
                tallies.add(new Tally(
                        by,
                        rows.getString(1),
                        daily ? rows.getObject(7, LocalDate.class) : null,
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
