package org.reunify.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics of docs/DESIGN.md with their required configs, and tells which agency topics exist. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private static final Duration LEADER_ELECTION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration METADATA_PROPAGATION_TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates the topic with its required configs unless it exists; see {@link #ensure(String, int, Optional, Map)}.
     */
    public boolean ensure(Topic<?, ?> topic, int partitions, Optional<Short> replication) {
        return ensure(topic.name(), partitions, replication, topic.configs());
    }

    /**
     * Creates the topic unless it exists.
     *
     * @param replication empty for the broker's default replication factor
     * @return whether this call created it; either way the topic has a leader for every partition on return
     */
    public boolean ensure(String name, int partitions, Optional<Short> replication, Map<String, String> configs) {
        boolean created;
        try {
            create(name, partitions, replication, configs);
            created = true;
        } catch (TopicExistsException e) {
            created = false;
        }
        awaitLeaders(name);
        return created;
    }

    /**
     * Brokers before Kafka 4.3.2 refuse a topic that names {@link Topics#MAX_DECOMPRESSED_MESSAGE_BYTES}: the topic is
     * created without it, and TopicGuard and {@code reunify status} say that the protection is missing.
     */
    private void create(String name, int partitions, Optional<Short> replication, Map<String, String> configs) {
        try {
            createTopic(name, partitions, replication, configs);
        } catch (InvalidConfigurationException e) {
            if (!configs.containsKey(Topics.MAX_DECOMPRESSED_MESSAGE_BYTES)
                    || !String.valueOf(e.getMessage()).contains(Topics.MAX_DECOMPRESSED_MESSAGE_BYTES)) {
                throw e;
            }
            LOG.warn(
                    "the brokers do not know {} (it came with Kafka 4.3.2): {} is created without it, so a compressed "
                            + "record that decompresses to more than a consumer's memory can be appended to it",
                    Topics.MAX_DECOMPRESSED_MESSAGE_BYTES,
                    name);
            Map<String, String> without = new HashMap<>(configs);
            without.remove(Topics.MAX_DECOMPRESSED_MESSAGE_BYTES);
            createTopic(name, partitions, replication, without);
        }
    }

    private void createTopic(String name, int partitions, Optional<Short> replication, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), replication).configs(configs);
        AdminCalls.await(admin.createTopics(Set.of(topic)).all(), "create " + name);
    }

    /**
     * A new topic's leaders are elected just after its creation returns; the first producer should not race them. A
     * topic whose leaders take longer is still usable: its producers retry.
     */
    private void awaitLeaders(String name) {
        Waits.within(
                LEADER_ELECTION_TIMEOUT, Duration.ofMillis(50), () -> allPartitionsLed(name), "the leaders of " + name);
    }

    private boolean allPartitionsLed(String name) {
        try {
            TopicDescription description = AdminCalls.await(
                            admin.describeTopics(Set.of(name)).allTopicNames(), "describe " + name)
                    .get(name);
            return description.partitions().stream()
                    .allMatch(partition ->
                            partition.leader() != null && !partition.leader().isEmpty());
        } catch (UnknownTopicOrPartitionException e) {
            return false;
        }
    }

    /** Every agency's events topic with its partition count, by agency id. */
    public Map<String, Integer> agencyPartitions() {
        Map<String, Integer> partitions = new TreeMap<>();
        // A topic just created may be listed by one broker and not yet known to the one asked to describe it.
        Waits.until(
                METADATA_PROPAGATION_TIMEOUT,
                Duration.ofMillis(50),
                () -> describeAgencyTopics(partitions),
                "the agency topics to be described");
        return partitions;
    }

    private boolean describeAgencyTopics(Map<String, Integer> partitions) {
        Set<String> agencyTopics = new TreeSet<>();
        AdminCalls.await(admin.listTopics().names(), "list the topics").stream()
                .filter(name -> Topics.agencyOf(name).isPresent())
                .forEach(agencyTopics::add);
        if (agencyTopics.isEmpty()) {
            return true;
        }
        try {
            Map<String, TopicDescription> descriptions =
                    AdminCalls.await(admin.describeTopics(agencyTopics).allTopicNames(), "describe the agency topics");
            descriptions.forEach((name, description) -> partitions.put(
                    Topics.agencyOf(name).orElseThrow(),
                    description.partitions().size()));
            return true;
        } catch (UnknownTopicOrPartitionException e) {
            return false;
        }
    }
}
