package org.reunify.dashboard;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off the connections that keep a thread waiting too long. The JDK's HTTP server gives no handle on a
 * connection's socket, and its own request and response time limits are system properties, read once for every
 * server in the JVM, the response one cutting event streams too; but its connections are blocking socket channels,
 * and interrupting a thread blocked on one closes it. So the thread serving a connection is watched, and
 * interrupted when its deadline passes or when it is cut.
 */
final class Watchdog implements AutoCloseable {

    /** One thread's work on one connection, from {@link #watch} until closed. */
    final class Watch implements AutoCloseable {

        private final Thread thread = Thread.currentThread();
        private final long started = System.nanoTime();
        private long deadline;
        private boolean timed;
        private boolean over;

        /** From now on the work must be done within {@code limit}. */
        synchronized void restart(Duration limit) {
            deadline = System.nanoTime() + limit.toNanos();
            timed = true;
        }

        /** No deadline until the next {@link #restart}: the thread waits for something other than its client. */
        synchronized void suspend() {
            timed = false;
        }

        /**
         * Interrupts the thread, which closes the channel it is blocked on or the next it uses. Under the lock that
         * {@link #close} takes, so the interrupt never reaches the thread's next work.
         */
        synchronized void cut() {
            if (!over) {
                over = true;
                thread.interrupt();
            }
        }

        long startedNanos() {
            return started;
        }

        private synchronized boolean overdue(long now) {
            return timed && now - deadline >= 0;
        }

        @Override
        public synchronized void close() {
            over = true;
            watches.remove(this);
        }
    }

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration tick;

    Watchdog(Duration tick) {
        this.tick = tick;
        everyTick(this::cutOverdue);
    }

    /** Watches the calling thread, which must finish within {@code limit} unless restarted or suspended. */
    Watch watch(Duration limit) {
        Watch watch = new Watch();
        watch.restart(limit);
        watches.add(watch);
        return watch;
    }

    /** Runs {@code check} on the watchdog's thread at every tick; it must not throw. */
    void everyTick(Runnable check) {
        clock.scheduleWithFixedDelay(check, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cutOverdue() {
        long now = System.nanoTime();
        for (Watch watch : watches) {
            if (watch.overdue(now)) {
                watch.cut();
            }
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
