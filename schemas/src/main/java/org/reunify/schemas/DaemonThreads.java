package org.reunify.schemas;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of reunify's own background work: daemons, so that none keeps a JVM alive once its command has returned or
 * its shutdown hook has closed what it serves, and named, so that a thread dump says whose work each is.
 */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** Every thread named {@code name}: for a pool of one. */
    public static ThreadFactory named(String name) {
        return task -> daemon(task, name);
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, …: for a pool of several. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> daemon(task, prefix + "-" + next.incrementAndGet());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
