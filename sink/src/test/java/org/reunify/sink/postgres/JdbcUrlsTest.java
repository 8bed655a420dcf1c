package org.reunify.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void aPasswordParameterIsHiddenInAnyCaseAndWhereverItStands() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/reunify?user=sink&password=hunter2"))
                .isEqualTo("jdbc:postgresql://db:5432/reunify?user=sink&password=***");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/reunify?PassWord=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/reunify?PassWord=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/reunify?ssl=true&sslpassword=hunter2&password="))
                .isEqualTo("jdbc:postgresql://db/reunify?ssl=true&sslpassword=***&password=***");
    }

    @Test
    void thePasswordOfAUserinfoIsHiddenUpToTheAuthoritysLastAt() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://sink:hunter2@db:5432/reunify"))
                .isEqualTo("jdbc:postgresql://sink:***@db:5432/reunify");
        assertThat(JdbcUrls.redact("jdbc:postgresql://sink:hun@ter2@db/reunify?password=hunter2"))
                .isEqualTo("jdbc:postgresql://sink:***@db/reunify?password=***");
    }

    @Test
    void aUrlWithoutPasswordsIsShownAsGiven() {
        for (String url : new String[] {
            "jdbc:postgresql://db:5432/reunify",
            "jdbc:postgresql://db1:5432,db2:5433/reunify?user=sink",
            "jdbc:postgresql://db.example:5432/reunify?user=sink@db&ssl=true",
            "jdbc:postgresql:reunify"
        }) {
            assertThat(JdbcUrls.redact(url)).isEqualTo(url);
        }
    }
}
