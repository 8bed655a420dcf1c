package org.reunify.testkit;

/** Turns the broker code's checked exceptions into the unchecked ones test code wants. */
final class Failures {

    private Failures() {}

    static RuntimeException unchecked(String message, Exception cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException(message, cause);
    }
}
