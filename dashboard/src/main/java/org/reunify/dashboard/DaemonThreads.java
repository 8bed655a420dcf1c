package org.reunify.dashboard;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The dashboard's thread pools: bounded, named, daemon, and without threads while there is nothing to do. */
final class DaemonThreads {

    private static final long IDLE_THREAD_SECONDS = 60;

    private DaemonThreads() {}

    /**
     * At most {@code threads} threads named {@code name-N}; beyond, tasks wait in {@code queue}, and when it is full
     * are refused.
     */
    static ThreadPoolExecutor pool(String name, int threads, BlockingQueue<Runnable> queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS, queue, runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
