package org.reunify.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.nio.file.Path;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class StartFailureTest {

    private static final Path DATA_DIR = Path.of("/srv/reunify");

    @Test
    void aTakenClientPortIsNamedWithTheOptionThatChangesIt() {
        KafkaException failure = bindFailure(9092);

        EmbeddedKafkaException explained = StartFailure.explain(failure, DATA_DIR, 9092, 9093);

        assertThat(explained).hasMessage("port 9092 is in use: is another broker running? use --port");
        assertThat(explained.getCause()).isSameAs(failure);
    }

    @Test
    void aTakenControllerPortIsNamedWithTheOptionThatChangesIt() {
        assertThat(StartFailure.explain(bindFailure(9093), DATA_DIR, 9092, 9093))
                .hasMessage("controller port 9093 is in use: is another broker running? use --controller-port");
    }

    @Test
    void aBindFailureDeepInTheCausesIsFound() {
        RuntimeException failure = new RuntimeException("startup failed", bindFailure(9093));

        assertThat(StartFailure.explain(failure, DATA_DIR, 9092, 9093))
                .hasMessage("controller port 9093 is in use: is another broker running? use --controller-port");
    }

    @Test
    void aBindFailureThatNamesNeitherPortIsPutOnTheClientPort() {
        RuntimeException failure = new RuntimeException(new BindException("Address already in use"));

        assertThat(StartFailure.explain(failure, DATA_DIR, 9092, 9093))
                .hasMessage("port 9092 is in use: is another broker running? use --port");
    }

    @Test
    void kafkasLockHeldByAnotherBrokerIsNamedAsTheDataDirInUse() {
        RuntimeException failure = new RuntimeException(new KafkaException("Failed to acquire lock on file .lock in "
                + DATA_DIR.resolve("kafka") + ". A Kafka instance in another process or thread is using this"
                + " directory."));

        assertThat(StartFailure.explain(failure, DATA_DIR, 9092, 9093))
                .hasMessage("the data directory /srv/reunify is in use by another running broker:"
                        + " stop it first, or choose another data directory");
    }

    @Test
    void anyOtherFailureKeepsKafkasMessageAndCause() {
        IllegalStateException failure = new IllegalStateException("No meta.properties found");

        EmbeddedKafkaException explained = StartFailure.explain(failure, DATA_DIR, 9092, 9093);

        assertThat(explained).hasMessage("the Kafka broker failed to start: No meta.properties found");
        assertThat(explained.getCause()).isSameAs(failure);
    }

    /** What Kafka's socket server throws when a listener's port is taken. */
    private static KafkaException bindFailure(int port) {
        return new KafkaException(
                "Socket server failed to bind to 127.0.0.1:" + port + ": Address already in use.",
                new BindException("Address already in use"));
    }
}
