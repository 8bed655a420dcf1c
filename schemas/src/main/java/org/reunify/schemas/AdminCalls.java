package org.reunify.schemas;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for an Admin call, bounded, and turns its failure into an unchecked exception that says what failed. */
public final class AdminCalls {

    public static final long TIMEOUT_SECONDS = 30;

    private AdminCalls() {}

    /**
     * @param what what the call does, for the message: "list the agency topics"
     * @throws RuntimeException the call's own failure (a Kafka {@code ApiException}, so callers can catch the
     *                          ones they expect), or an {@link IllegalStateException} on timeout or interrupt
     */
    public static <T> T await(KafkaFuture<T> call, String what) {
        try {
            return call.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(
                    "cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "cannot " + what + ": the cluster did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }
}
