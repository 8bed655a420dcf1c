package org.reunify.sink.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;

/** The sink's reads and writes, each inside the caller's transaction. */
final class TallyTables {

    /** One change read from a topic of published tallies: the tally and where it was. */
    record Change(int partition, long offset, Tally tally) {}

    /**
     * One change read from {@code reunification.timeline}.
     *
     * @param entry null when the month no longer has a case in the region
     */
    record TimelineChange(String key, TimelineEntry entry) {}

    /** Another writer moved a partition's offset since this sink read it: this sink no longer owns the partition. */
    static final class FencedException extends Exception {
        FencedException(TopicPartition partition) {
            super("the stored offset of " + partition + " was moved by another sink");
        }
    }

    private static final String UPSERT =
            "INSERT INTO region_tallies (region, name, deported, returned, outstanding, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (region) DO UPDATE SET name = EXCLUDED.name, deported = "
                    + "EXCLUDED.deported, "
                    + "returned = EXCLUDED.returned, outstanding = EXCLUDED.outstanding, updated_at = "
                    + "EXCLUDED.updated_at";
    private static final String UPSERT_DESTINATION =
            "INSERT INTO destination_tallies (destination, name, deported, returned, outstanding, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (destination) DO UPDATE SET name = EXCLUDED.name, "
                    + "deported = EXCLUDED.deported, returned = EXCLUDED.returned, outstanding = EXCLUDED.outstanding, "
                    + "updated_at = EXCLUDED.updated_at";
    private static final String UPSERT_DAY =
            "INSERT INTO region_tallies_daily (region, name, deported, returned, outstanding, updated_at, day) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region, day) DO UPDATE SET name = EXCLUDED.name, "
                    + "deported = EXCLUDED.deported, returned = EXCLUDED.returned, outstanding = EXCLUDED.outstanding, "
                    + "updated_at = EXCLUDED.updated_at";
    private static final String UPSERT_MONTH =
            "INSERT INTO region_timeline (region, month, name, taken, returned) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (region, month) DO UPDATE SET name = EXCLUDED.name, taken = EXCLUDED.taken, "
                    + "returned = EXCLUDED.returned";
    private static final String DELETE_MONTH = "DELETE FROM region_timeline WHERE region = ? AND month = ?";
    private static final String HISTORY = "INSERT INTO region_tally_history "
            + "(source_partition, source_offset, region, deported, returned, outstanding, updated_at) VALUES (?, ?, "
            + "?, ?, ?, ?, ?)";
    private static final String ADVANCE = "UPDATE sink_offsets SET next_offset = ?, written_at = now() "
            + "WHERE topic = ? AND partition = ? AND next_offset = ?";

    private final Connection connection;

    TallyTables(Connection connection) {
        this.connection = connection;
    }

    /** The stored next offset of each partition, creating rows at 0 for partitions never written. */
    Map<TopicPartition, Long> storedOffsets(List<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO sink_offsets (topic, partition, next_offset) VALUES (?, ?, 0) ON CONFLICT DO "
                                + "NOTHING");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT next_offset FROM sink_offsets WHERE topic = ? AND partition = ?")) {
            for (TopicPartition partition : partitions) {
                insert.setString(1, partition.topic());
                insert.setInt(2, partition.partition());
                insert.executeUpdate();
                select.setString(1, partition.topic());
                select.setInt(2, partition.partition());
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    offsets.put(partition, result.getLong(1));
                }
            }
        }
        connection.commit();
        return offsets;
    }

    /**
     * Writes the changes, in order: a region's current tally to {@code region_tallies} and its history, a daily one to
     * {@code region_tallies_daily}, a destination's to {@code destination_tallies}; the caller commits.
     */
    void write(List<Change> changes) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
                PreparedStatement upsertDestination = connection.prepareStatement(UPSERT_DESTINATION);
                PreparedStatement upsertDay = connection.prepareStatement(UPSERT_DAY);
                PreparedStatement history = connection.prepareStatement(HISTORY)) {
            for (Change change : changes) {
                Tally tally = change.tally();
                if (tally.isDaily()) {
                    setRow(upsertDay, tally);
                    upsertDay.setObject(7, tally.day());
                    upsertDay.addBatch();
                } else if (tally.by() == Breakdown.destination) {
                    setRow(upsertDestination, tally);
                    upsertDestination.addBatch();
                } else {
                    setRow(upsert, tally);
                    upsert.addBatch();
                    history.setInt(1, change.partition());
                    history.setLong(2, change.offset());
                    history.setString(3, tally.code());
                    setCounts(history, 4, tally);
                    history.addBatch();
                }
            }
            upsert.executeBatch();
            upsertDestination.executeBatch();
            upsertDay.executeBatch();
            history.executeBatch();
        }
    }

    /**
     * Deletes the days {@code reunification.totals.daily} deleted, by key ({@code UA-14/2025-12-03}): days whose
     * changes came to nothing once every record of them was read. Run after the poll's writes, which hold no later
     * tally of these days.
     */
    void deleteDays(Collection<String> keys) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM region_tallies_daily WHERE region = ? AND day = ?")) {
            for (String key : keys) {
                int slash = key.indexOf('/');
                delete.setString(1, key.substring(0, slash));
                delete.setObject(2, LocalDate.parse(key.substring(slash + 1)));
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /** Writes the timeline's changes in order: a month's entry to {@code region_timeline}, or its row deleted. */
    void writeTimeline(List<TimelineChange> changes) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_MONTH);
                PreparedStatement delete = connection.prepareStatement(DELETE_MONTH)) {
            for (TimelineChange change : changes) {
                TimelineEntry entry = change.entry();
                if (entry == null) {
                    int slash = change.key().indexOf('/');
                    delete.setString(1, change.key().substring(0, slash));
                    delete.setString(2, change.key().substring(slash + 1));
                    delete.executeUpdate();
                } else {
                    upsert.setString(1, entry.region());
                    upsert.setString(2, entry.month());
                    upsert.setString(3, entry.name());
                    upsert.setLong(4, entry.taken());
                    upsert.setLong(5, entry.returned());
                    upsert.executeUpdate();
                }
            }
        }
    }

    private static void setRow(PreparedStatement upsert, Tally tally) throws SQLException {
        upsert.setString(1, tally.code());
        upsert.setString(2, tally.name());
        setCounts(upsert, 3, tally);
    }

    /**
     * Moves each partition's offset from where this sink last left it; fails, so that the caller rolls back, if
     * another sink moved it in the meantime.
     */
    void advance(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) throws SQLException, FencedException {
        try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
            for (Map.Entry<TopicPartition, Long> next : to.entrySet()) {
                TopicPartition partition = next.getKey();
                advance.setLong(1, next.getValue());
                advance.setString(2, partition.topic());
                advance.setInt(3, partition.partition());
                advance.setLong(4, from.get(partition));
                if (advance.executeUpdate() != 1) {
                    throw new FencedException(partition);
                }
            }
        }
    }

    private static void setCounts(PreparedStatement statement, int first, Tally tally) throws SQLException {
        statement.setLong(first, tally.deported());
        statement.setLong(first + 1, tally.returned());
        statement.setLong(first + 2, tally.outstanding());
        if (tally.updatedAt() == null) {
            statement.setNull(first + 3, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(first + 3, OffsetDateTime.ofInstant(tally.updatedAt(), ZoneOffset.UTC));
        }
    }
}
