package org.reunify.app;

import java.net.InetSocketAddress;
import picocli.CommandLine.Option;

/** Where a command without a dashboard serves {@code /health/live}, {@code /health/ready} and {@code /metrics}. */
final class MetricsOptions {

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = "Port of the health and metrics endpoints (default: 9464 for streams, 9465 for sink; "
                    + "0 picks a free port).")
    Integer port;

    @Option(
            names = "--metrics-host",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description = "Address they are served on (default: ${DEFAULT-VALUE}; 0.0.0.0 for a scraper on the "
                    + "network).")
    String host;

    InetSocketAddress address(int defaultPort) {
        return new InetSocketAddress(host, port == null ? defaultPort : port);
    }
}
