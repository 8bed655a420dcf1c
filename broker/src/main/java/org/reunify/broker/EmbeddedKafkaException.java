package org.reunify.broker;

/**
 * The embedded broker could not start (or could not be stopped cleanly). The message is written for the person who
 * typed {@code reunify up}: it says what is wrong and what to do, so a command can print it as it is.
 */
public final class EmbeddedKafkaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
