package org.reunify.sink.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SortedMap;
import java.util.TreeMap;

/** The PostgreSQL sink's offsets as {@code sink_offsets} holds them, read without writing anything, for status. */
public final class StoredOffsets {

    private StoredOffsets() {}

    /**
     * @return the next offset of each partition the sink has stored, by topic, then partition
     * @throws SQLException also when the sink has never run against this database (no {@code sink_offsets})
     */
    public static SortedMap<String, SortedMap<Integer, Long>> read(Database database) throws SQLException {
        SortedMap<String, SortedMap<Integer, Long>> offsets = new TreeMap<>();
        try (Connection connection = database.open();
                PreparedStatement select =
                        connection.prepareStatement("SELECT topic, partition, next_offset FROM sink_offsets");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                offsets.computeIfAbsent(rows.getString(1), topic -> new TreeMap<>())
                        .put(rows.getInt(2), rows.getLong(3));
            }
            connection.rollback();
        }
        return offsets;
    }
}
