package org.reunify.app;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.reunify.dashboard.http.AllowedHosts;
import picocli.CommandLine.Option;

/** Where the HTTP port of {@code up}, {@code dashboard} or {@code gateway} listens and which names it answers to. */
final class HttpOptions {
    @Option(
            names = "--http-port",
            defaultValue = "8080",
            paramLabel = "PORT",
            description =
                    "Port of the dashboard, its API and the gateway (default: ${DEFAULT-VALUE}; 0: any free port).")
    int httpPort;

    @Option(
            names = "--http-host",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description =
                    "Address the HTTP port listens on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every "
                            + "interface, "
                            + "with --http-allowed-host for the names screens use).")
    String httpHost;

    @Option(
            names = "--http-allowed-host",
            paramLabel = "NAME",
            split = ",",
            description =
                    "A name the HTTP port answers to, as in the address a wall screen or a proxy uses (repeatable). "
                            + "Besides "
                            + "these it answers to localhost, 127.0.0.1, [::1] and --http-host only: a request for "
                            + "any other name (a page "
                            + "trying DNS rebinding) is refused with 421.")
    List<String> httpAllowedHosts = new ArrayList<>();

    InetSocketAddress address() {
        return new InetSocketAddress(httpHost, httpPort);
    }

    /** @throws IllegalArgumentException for a value of --http-allowed-host that is not a name */
    AllowedHosts allowedHosts() {
        try {
            return AllowedHosts.of(httpHost, httpAllowedHosts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--http-allowed-host: " + e.getMessage(), e);
        }
    }
}
