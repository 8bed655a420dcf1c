package org.reunify.schemas;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The consumer every reader of reunify's topics starts from: it sees only what committed transactions wrote (the
 * streams app writes its tallies exactly once, and an aborted transaction's records must never be shown or counted),
 * and it commits no offsets of its own unless its caller says so.
 */
public final class ReadCommitted {

    private ReadCommitted() {}

    /**
     * The consumer config on top of {@code client}'s connection settings; a {@code client.id} there wins over
     * {@code clientId}. Returned mutable, for the reader's own settings.
     */
    public static Map<String, Object> consumerConfig(Map<String, Object> client, String clientId) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }
}
