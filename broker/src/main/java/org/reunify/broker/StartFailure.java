package org.reunify.broker;

import java.net.BindException;
import java.nio.file.Path;

/**
 * What the user reads when the broker cannot start. A taken port or a data directory in use gets the same words
 * whether the checks before a start find it or Kafka fails on it, because the two race: another broker may take the
 * port or the directory between the check and Kafka's own attempt.
 */
final class StartFailure {

    private StartFailure() {}

    static EmbeddedKafkaException portInUse(int port, BrokerPorts.Role role, Throwable cause) {
        return new EmbeddedKafkaException(
                role.description + " " + port + " is in use: is another broker running? use " + role.option, cause);
    }

    static EmbeddedKafkaException dataDirInUse(Path dataDir, Throwable cause) {
        return new EmbeddedKafkaException(
                "the data directory " + dataDir + " is in use by another running broker:"
                        + " stop it first, or choose another data directory",
                cause);
    }

    /**
     * Turns the failure of Kafka's own start into a message for the user: Kafka's says which socket or lock failed,
     * not which option or directory to change.
     */
    static EmbeddedKafkaException explain(Throwable e, Path dataDir, int port, int controllerPort) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof BindException || message.contains("Address already in use")) {
                boolean controller = message.contains(":" + controllerPort) && !message.contains(":" + port);
                return controller
                        ? portInUse(controllerPort, BrokerPorts.Role.CONTROLLER, e)
                        : portInUse(port, BrokerPorts.Role.CLIENT, e);
            }
            if (message.contains("Failed to acquire lock")) {
                return dataDirInUse(dataDir, e);
            }
        }
        return new EmbeddedKafkaException("the Kafka broker failed to start: " + e.getMessage(), e);
    }
}
