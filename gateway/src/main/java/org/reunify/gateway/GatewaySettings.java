package org.reunify.gateway;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway needs to run.
 *
 * @param clientConfig its own connection: bootstrap servers and, on a secured cluster, its own login (role
 *     {@code gateway}) with the protocol and trust every agency login is then used with
 * @param secured whether requests must carry an agency's login (a secured cluster)
 * @param spoolDir where bodies are kept while they are checked and published (owner-only files, deleted after)
 * @param replication of the receipts topic if it must be created; empty for the cluster's default
 */
public record GatewaySettings(
        Map<String, Object> clientConfig,
        boolean secured,
        Path spoolDir,
        Optional<Short> replication,
        GatewayLimits limits) {

    public GatewaySettings {
        clientConfig = Map.copyOf(clientConfig);
    }
}
