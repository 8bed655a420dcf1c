package org.reunify.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @TempDir
    Path dataDir;

    @Test
    void anOpenBrokerListensOnLoopbackOnlyWithPlaintextOnBothListeners() {
        assertThat(open())
                .containsEntry("listeners", "CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "CLIENT://127.0.0.1:9092")
                .containsEntry("listener.security.protocol.map", "CLIENT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .doesNotContainKey("authorizer.class.name");
    }

    @Test
    void aSecuredBrokerTakesLoginsOnBothListenersAndDeniesWhatNoAclGrants() {
        assertThat(secured())
                .containsEntry("listeners", "CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false");
    }

    @Test
    void aSecuredBrokerHoldsEveryClientLoginForFiveMinutesAtMost() {
        assertThat(secured()).containsEntry("listener.name.client.scram-sha-512.connections.max.reauth.ms", "300000");
    }

    @Test
    void theQuorumIsThisOneNodeInBothRolesOnTheControllerPort() {
        assertThat(open())
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("controller.listener.names", "CONTROLLER");
    }

    @Test
    void everyTopicHasOneReplicaAndNoneIsCreatedByAccident() {
        assertThat(open())
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void kafkaAcceptsTheConfigurationOpenAndSecured() {
        for (Map<String, String> props : List.of(open(), secured())) {
            KafkaConfig config = new KafkaConfig(props, false);

            assertThat(config.nodeId()).isEqualTo(1);
            assertThat(config.logDirs()).containsExactly(logDir().toString());
        }
    }

    private Map<String, String> open() {
        return BrokerConfig.properties(logDir(), 9092, 9093, Optional.empty());
    }

    private Map<String, String> secured() {
        return BrokerConfig.properties(
                logDir(), 9092, 9093, BrokerSecurity.secure(false).prepare(dataDir, false));
    }

    private Path logDir() {
        return dataDir.resolve("kafka");
    }
}
