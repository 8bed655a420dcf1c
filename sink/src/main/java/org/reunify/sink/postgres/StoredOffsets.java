package org.reunify.sink.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL sink's offsets as {@code sink_offsets} holds them, read without writing anything, for status.
 *
 * @param nextOffset the next offset the sink would apply
 * @param writtenAt  when the sink stored it
 */
public record StoredOffsets(String topic, int partition, long nextOffset, Instant writtenAt) {

    /** @throws SQLException also when the sink has never run against this database (no {@code sink_offsets}) */
    public static List<StoredOffsets> read(Database database) throws SQLException {
        List<StoredOffsets> offsets = new ArrayList<>();
        try (Connection connection = database.open();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT topic, partition, next_offset, written_at FROM sink_offsets ORDER BY topic, partition");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                offsets.add(new StoredOffsets(
                        rows.getString(1),
                        rows.getInt(2),
                        rows.getLong(3),
                        rows.getObject(4, OffsetDateTime.class).toInstant()));
            }
            connection.rollback();
        }
        return offsets;
    }
}
