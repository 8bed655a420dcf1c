package org.reunify.sink.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens the sink's database connection, with auto-commit off; its {@code toString} names the database for logs. */
interface ConnectionSource {

    Connection open() throws SQLException;
}
