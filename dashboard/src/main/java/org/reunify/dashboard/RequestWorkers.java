package org.reunify.dashboard;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The threads of the dashboard's HTTP server: a fixed number, with a bounded waiting room. The JDK's server hands a
 * connection to a worker as soon as its first byte arrives and reads the request line and headers there, blocking:
 * a client that sends half a request holds a worker. Each read has {@link HttpLimits#readTimeout()}, and only
 * {@link HttpLimits#readTimeoutUnderLoad()} while other requests wait, so that a crowd of half requests from one
 * client is cleared in seconds and a browser's whole request is served. When the waiting room is full, the
 * executor refuses and the JDK's dispatcher closes the connection.
 */
final class RequestWorkers implements Executor, AutoCloseable {

    private final HttpLimits limits;
    private final Watchdog watchdog;
    private final ThreadPoolExecutor pool;
    private final Set<Watchdog.Watch> reading = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Watchdog.Watch> current = new ThreadLocal<>();

    RequestWorkers(HttpLimits limits, Watchdog watchdog) {
        this.limits = limits;
        this.watchdog = watchdog;
        pool = DaemonThreads.pool("dashboard-http", limits.workers(), new ArrayBlockingQueue<>(limits.waiting()));
        watchdog.everyTick(this::relieve);
    }

    /** Takes a connection's exchange from the JDK's dispatcher: its request is read and answered on a worker. */
    @Override
    public void execute(Runnable exchange) {
        pool.execute(() -> serve(exchange));
        relieve();
    }

    /**
     * Called by the handler on the worker: the request line and headers are in, and from now on the client has
     * {@link HttpLimits#answerTimeout()} to take the answer.
     */
    void requestRead() {
        Watchdog.Watch watch = current.get();
        reading.remove(watch);
        watch.restart(limits.answerTimeout());
    }

    int busy() {
        return pool.getActiveCount();
    }

    private void serve(Runnable exchange) {
        try (Watchdog.Watch watch = watchdog.watch(limits.readTimeout())) {
            current.set(watch);
            reading.add(watch);
            try {
                exchange.run();
            } finally {
                reading.remove(watch);
                current.remove();
            }
        }
    }

    /** While requests wait for a worker, the reads that have lasted longer than a browser's would are cut. */
    private void relieve() {
        if (pool.getQueue().isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (Watchdog.Watch watch : reading) {
            if (now - watch.startedNanos() >= limits.readTimeoutUnderLoad().toNanos()) {
                watch.cut();
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
