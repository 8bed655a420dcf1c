package org.reunify.testkit;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * What a call on this thread threw and how many bytes of heap it allocated meanwhile: the proof that hostile input
 * is refused without being held, whatever size it declares.
 */
public record Allocation(Throwable thrown, long bytes) {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A call under measure. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /** Runs {@code call}, catching whatever it throws, errors too (an allocation that failed is an answer). */
    public static Allocation of(Call call) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            call.run();
        } catch (Throwable t) {
            thrown = t;
        }
        return new Allocation(thrown, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
}
