package org.reunify.schemas;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition with a deadline: the one loop every wait of reunify goes through (a topic's leaders, a
 * login taking effect, a streams app running, a follower reaching the end of its topic, the totals settling).
 */
public final class Waits {

    private static final Duration PAUSE = Duration.ofMillis(50);

    private Waits() {}

    /**
     * Tests {@code condition} until it holds, with a short pause between tests.
     *
     * @param what what is waited for, for the message: "the leaders of reunification.totals"
     * @throws IllegalStateException if it does not hold within {@code timeout}, or the thread is interrupted
     */
    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        until(timeout, PAUSE, condition, what);
    }

    /** As {@link #until(Duration, BooleanSupplier, String)}, for a condition that itself blocks (a poll): no pause. */
    public static void until(Duration timeout, Duration pause, BooleanSupplier condition, String what) {
        if (!within(timeout, pause, condition, what)) {
            throw new IllegalStateException("gave up waiting for " + what + " after " + seconds(timeout));
        }
    }

    /**
     * Tests {@code condition} until it holds or {@code timeout} passes; a condition that itself blocks (a poll)
     * takes a zero {@code pause}.
     *
     * @return whether it held in time
     * @throws IllegalStateException if the thread is interrupted
     */
    public static boolean within(Duration timeout, Duration pause, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            if (!pause.isZero()) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what, e);
                }
            }
        }
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
