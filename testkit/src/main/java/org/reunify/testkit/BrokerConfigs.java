package org.reunify.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings of every test cluster, whichever backend runs it. They let transactional producers and
 * read_committed consumers work on a single broker, and a stopped broker rejoin quickly.
 */
final class BrokerConfigs {

    private BrokerConfigs() {}

    /** Settings for every node, broker or controller. */
    static Map<String, String> forEveryNode(int brokers) {
        String replication = replication(brokers);
        return Map.of(
                "offsets.topic.replication.factor", replication,
                "transaction.state.log.replication.factor", replication,
                "transaction.state.log.min.isr", Integer.toString(Math.min(brokers, 2)),
                // With three brokers, as in production: an acks=all write needs two copies, so one broker may fail.
                "min.insync.replicas", Integer.toString(Math.min(brokers, 2)),
                // Fifty partitions per internal topic cost seconds at first use and buy tests nothing.
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.num.partitions", "1",
                // Tests create every topic they use, so a misspelt name fails instead of creating a topic.
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "broker.heartbeat.interval.ms", "500");
    }

    /**
     * Settings only the controller reads. Brokers in 4.x warn that they will ignore the topic defaults
     * from 5.0 on, because the controller applies them.
     */
    static Map<String, String> forControllers(int brokers) {
        return Map.of(
                "num.partitions", "1",
                "default.replication.factor", replication(brokers),
                // A restarted broker cannot register again until its old session expires; the default is 9 s.
                "broker.session.timeout.ms", "3000");
    }

    /** Settings for a node that is both broker and controller. */
    static Map<String, String> forCombinedNode(int brokers) {
        Map<String, String> configs = new HashMap<>(forEveryNode(brokers));
        configs.putAll(forControllers(brokers));
        return Map.copyOf(configs);
    }

    private static String replication(int brokers) {
        return Integer.toString(Math.min(brokers, 3));
    }
}
