package org.reunify.schemas;

import java.lang.management.ManagementFactory;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import com.sun.management.ThreadMXBean;

/** What a call on this thread threw and how many bytes of heap it allocated meanwhile. */
record Allocation(Throwable thrown, long bytes) {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    static Allocation of(ThrowingCallable call) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            call.call();
        } catch (Throwable t) {
            thrown = t;
        }
        return new Allocation(thrown, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
}
