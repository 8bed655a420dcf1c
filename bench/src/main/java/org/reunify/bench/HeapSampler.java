package org.reunify.bench;

import java.util.function.LongConsumer;

/**
 * Follows a reader's progress and measures the live heap after a full collection every {@link #EVERY} records,
 * keeping the most it saw: the heap a part needs while it runs, not only when it is done.
 */
final class HeapSampler implements LongConsumer {

    static final long EVERY = 50_000;

    private long sinceLast;
    private long most;

    @Override
    public void accept(long records) {
        sinceLast += records;
        if (sinceLast >= EVERY) {
            sinceLast = 0;
            most = Math.max(most, RetainedHeap.megabytesAfterFullGc());
        }
    }

    /** The most live heap measured, in megabytes. */
    long most() {
        return most;
    }
}
