package org.reunify.app;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.reunify.dashboard.AllowedHosts;
import org.reunify.dashboard.Suppression;
import picocli.CommandLine.Option;

/** Where and how the dashboard serves, the same for {@code up} and {@code dashboard}. */
final class DashboardOptions {

    @Option(
            names = "--http-port",
            defaultValue = "8080",
            paramLabel = "PORT",
            description = "Port of the dashboard and its API (default: ${DEFAULT-VALUE}; 0: any free port).")
    int httpPort;

    @Option(
            names = "--http-host",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description =
                    "Address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every "
                            + "interface, "
                            + "with --http-allowed-host for the names screens use).")
    String httpHost;

    @Option(
            names = "--http-allowed-host",
            paramLabel = "NAME",
            split = ",",
            description =
                    "A name the dashboard answers to, as in the address a wall screen or a proxy uses (repeatable). "
                            + "Besides "
                            + "these it answers to localhost, 127.0.0.1, [::1] and --http-host only: a request for "
                            + "any other name (a page "
                            + "trying DNS rebinding) is refused with 421.")
    List<String> httpAllowedHosts = new ArrayList<>();

    @Option(
            names = "--suppress-below",
            paramLabel = "K",
            description = "For public screens: show every count from 1 to K-1 as <K, in the page and the API, and hide "
                    + "what would give it away (see README).")
    Integer suppressBelow;

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

    Suppression suppression() {
        return suppressBelow == null ? Suppression.NONE : new Suppression(suppressBelow);
    }
}
