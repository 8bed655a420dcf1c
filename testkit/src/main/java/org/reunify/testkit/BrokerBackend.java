package org.reunify.testkit;

import java.util.List;

/** Whatever actually runs the brokers behind a {@link KafkaBroker}. */
interface BrokerBackend extends AutoCloseable {

    String bootstrapServers();

    String description();

    List<Integer> brokerIds();

    default void stopBroker(int brokerId) {
        throw new UnsupportedOperationException(description() + " cannot stop single brokers");
    }

    default void killBroker(int brokerId) {
        throw new UnsupportedOperationException(description() + " cannot kill single brokers");
    }

    default void restartBroker(int brokerId) {
        throw new UnsupportedOperationException(description() + " cannot restart single brokers");
    }

    @Override
    void close();
}
