package org.reunify.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which {@code Host} headers the dashboard answers. */
class AllowedHostsTest {

    private final AllowedHosts onLoopback = AllowedHosts.of("127.0.0.1", List.of());

    @Test
    void theLoopbackNamesAreAllowedWithOrWithoutAPort() {
        assertThat(List.of(
                        "localhost",
                        "localhost:8080",
                        "LocalHost:8080",
                        "127.0.0.1",
                        "127.0.0.1:8080",
                        "[::1]",
                        "[::1]:8080"))
                .allMatch(onLoopback::allows);
    }

    @Test
    void anyOtherNameIsRefusedAsADnsRebindingPageWouldSendIt() {
        assertThat(List.of(
                        "evil.example",
                        "evil.example:8080",
                        "localhost.evil.example",
                        "127.0.0.1.nip.io:8080",
                        "192.168.1.20:8080"))
                .noneMatch(onLoopback::allows);
    }

    @Test
    void aMissingOrMalformedHostIsRefused() {
        assertThat(onLoopback.allows(null)).isFalse();
        assertThat(List.of("", "localhost:", "localhost:80:80", "localhost:port", "[::1", "::1", "localhost/x"))
                .noneMatch(onLoopback::allows);
    }

    @Test
    void theListeningAddressAndTheGivenNamesAreAllowedToo() {
        AllowedHosts hosts = AllowedHosts.of("192.168.1.20", List.of("Wall.Example", "fe80::1"));

        assertThat(List.of("192.168.1.20:8080", "wall.example", "WALL.example:80", "[fe80::1]:8080", "localhost:8080"))
                .allMatch(hosts::allows);
    }

    @Test
    void aGivenNameWithAPortOrAPathIsRefusedAtStart() {
        assertThatThrownBy(() -> AllowedHosts.of("127.0.0.1", List.of("wall.example:8080")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a port");
        assertThatThrownBy(() -> AllowedHosts.of("127.0.0.1", List.of("http://wall.example/")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
