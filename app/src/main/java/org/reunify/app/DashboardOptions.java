package org.reunify.app;

import java.net.InetSocketAddress;

import org.reunify.app.dashboard.Suppression;
import picocli.CommandLine.Option;

/** Where and how the dashboard serves, the same for {@code up} and {@code dashboard}. */
final class DashboardOptions {

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the dashboard and its API (default: ${DEFAULT-VALUE}; 0: any free port).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every interface).")
    String httpHost;

    @Option(names = "--suppress-below", paramLabel = "K",
            description = "For public screens: show every count from 1 to K-1 as <K, in the page and the API, and hide "
                    + "what would give it away (see README).")
    Integer suppressBelow;

    InetSocketAddress address() {
        return new InetSocketAddress(httpHost, httpPort);
    }

    Suppression suppression() {
        return suppressBelow == null ? Suppression.NONE : new Suppression(suppressBelow);
    }
}
