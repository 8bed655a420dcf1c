package org.reunify.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.network.SocketServerConfigs;
import org.apache.kafka.raft.KRaftConfigs;
import org.apache.kafka.raft.MetadataLogConfig;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.config.ReplicationConfigs;
import org.apache.kafka.server.config.ServerConfigs;
import org.apache.kafka.server.config.ServerLogConfigs;

/** The embedded broker's configuration: one node, both roles, static quorum of itself, loopback only. */
final class BrokerConfig {

    static final int NODE_ID = 1;
    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "CLIENT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerConfig() {}

    /** The broker's properties, open or with the listener settings of {@code secured}. */
    static Map<String, String> properties(
            Path logDir, int port, int controllerPort, Optional<BrokerSecurity.Secured> secured) {
        Map<String, String> props = new HashMap<>();
        props.put(KRaftConfigs.PROCESS_ROLES_CONFIG, "broker,controller");
        props.put(KRaftConfigs.NODE_ID_CONFIG, String.valueOf(NODE_ID));
        // A static quorum: the one voter and its endpoint come from this config at every start, nothing about them is
        // stored in the metadata log (kraft.version 0), so a restart with another controller port just works.
        props.put(QuorumConfig.QUORUM_VOTERS_CONFIG, NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put(KRaftConfigs.CONTROLLER_LISTENER_NAMES_CONFIG, CONTROLLER_LISTENER);
        props.put(
                SocketServerConfigs.LISTENERS_CONFIG,
                BROKER_LISTENER + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        props.put(SocketServerConfigs.ADVERTISED_LISTENERS_CONFIG, BROKER_LISTENER + "://" + HOST + ":" + port);
        props.put(
                SocketServerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG,
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put(ReplicationConfigs.INTER_BROKER_LISTENER_NAME_CONFIG, BROKER_LISTENER);
        secured.ifPresent(logins -> props.putAll(logins.brokerConfig(BROKER_LISTENER, CONTROLLER_LISTENER)));

        props.put(ServerLogConfigs.LOG_DIRS_CONFIG, logDir.toString());
        props.put(MetadataLogConfig.METADATA_LOG_DIR_CONFIG, logDir.toString());

        // One broker: every internal topic with one replica, nothing created by accident. (The coordinators' config
        // classes are only runtime dependencies of kafka_2.13, hence literal names, checked against Kafka 4.3.2.)
        props.put(ServerLogConfigs.NUM_PARTITIONS_CONFIG, "1");
        props.put(ReplicationConfigs.DEFAULT_REPLICATION_FACTOR_CONFIG, "1");
        props.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
        props.put(ServerLogConfigs.AUTO_CREATE_TOPICS_ENABLE_CONFIG, "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // No record may decompress to more than a batch may hold on the wire: a compressed bomb is refused when it is
        // produced, on every topic, whatever its own settings (agency topics set a much smaller bound themselves).
        props.put(
                ServerConfigs.MAX_DECOMPRESSED_MESSAGE_BYTES_CONFIG,
                String.valueOf(ServerLogConfigs.MAX_MESSAGE_BYTES_DEFAULT));

        // After a kill, the restarted controller keeps the dead broker's registration alive for one session timeout
        // and refuses the new incarnation until then (DUPLICATE_BROKER_REGISTRATION): the 9 s default would make
        // every start after a crash 9 s slower. Broker and controller share this JVM, so a short session is safe.
        props.put(KRaftConfigs.BROKER_HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        props.put(KRaftConfigs.BROKER_SESSION_TIMEOUT_MS_CONFIG, "3000");
        // start() waits for the broker in any case; this bounds Kafka's own wait for its metadata.
        props.put(
                KRaftConfigs.SERVER_MAX_STARTUP_TIME_MS_CONFIG, String.valueOf(EmbeddedKafka.READY_TIMEOUT.toMillis()));
        return props;
    }
}
