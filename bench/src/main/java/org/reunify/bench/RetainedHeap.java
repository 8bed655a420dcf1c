package org.reunify.bench;

import java.lang.management.ManagementFactory;

/**
 * Heap still in use after a full collection: the live data a heap limit must hold. Measured before a part starts and
 * while it runs, the difference is that part's own, whatever else shares the JVM (here the broker and the clients).
 */
final class RetainedHeap {

    private RetainedHeap() {}

    static long megabytesAfterFullGc() {
        // Two collections: the first may leave objects whose finalization or reference processing frees more.
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
