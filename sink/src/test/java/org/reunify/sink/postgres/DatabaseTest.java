package org.reunify.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void itsStringHidesThePasswordsInItsUrl() {
        Database database =
                new Database("jdbc:postgresql://sink:hunter2@db/reunify?password=hunter2", "sink", "hunter2");

        assertThat(database.toString()).isEqualTo("jdbc:postgresql://sink:***@db/reunify?password=*** as sink");
    }

    @Test
    void aRefusedUrlIsQuotedWithoutItsPassword() {
        assertThatThrownBy(() -> new Database("jdbc:mysql://db/reunify?password=hunter2", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aUrlTheDriverCannotReadFailsWithoutItsPassword() {
        Database database = new Database("jdbc:postgresql://db:no-port/reunify?password=hunter2", null, null);

        assertThatThrownBy(database::open)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("hunter2");
    }
}
