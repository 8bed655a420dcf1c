package org.reunify.streams.runtime;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.reunify.streams.topology.TopologySettings;

/**
 * How the streams app is run: where the cluster is, its identity, where its state lives.
 *
 * @param applicationId   the consumer group, transactional id prefix and internal topic prefix
 * @param threads         stream threads in this instance
 * @param clientOverrides further Kafka client properties (security, timeouts) applied last
 */
public record StreamsSettings(
        String bootstrap,
        String applicationId,
        Path stateDir,
        int threads,
        TopologySettings topology,
        Map<String, Object> clientOverrides) {

    public static final String DEFAULT_APPLICATION_ID = "reunify";

    public StreamsSettings {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(topology, "topology");
        clientOverrides = Map.copyOf(clientOverrides);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** These settings, the topology reading {@code agencyTopics}. */
    public StreamsSettings reading(Collection<String> agencyTopics) {
        return new StreamsSettings(
                bootstrap, applicationId, stateDir, threads, topology.reading(agencyTopics), clientOverrides);
    }
}
