package org.reunify.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.reunify.schemas.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running parts of a command, stopped in reverse order of start when the process is asked to stop
 * (Ctrl-C, SIGTERM) or when one of them fails.
 */
final class Services implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Services.class);
    private static final Duration READINESS_POLL = Duration.ofMillis(200);
    private static final Duration WAITING_REMINDER = Duration.ofSeconds(30);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String failure;
    private Thread hook;

    /** Registers a started service; it will be closed before every service started earlier. */
    synchronized <T extends AutoCloseable> T add(T service) {
        started.push(service);
        return service;
    }

    /** Runs a service's loop on its own thread; if the loop fails, the whole command stops. */
    void runInBackground(String name, Runnable loop) {
        DaemonThreads.named(name)
                .newThread(() -> {
                    try {
                        loop.run();
                    } catch (RuntimeException e) {
                        LOG.error("{} failed", name, e);
                        failure = name + " failed: " + e.getMessage();
                        stopped.countDown();
                    }
                })
                .start();
    }

    /** Signals a stop, as a failed service does. */
    void fail(String reason) {
        failure = reason;
        stopped.countDown();
    }

    /**
     * Waits until {@code notReady} answers null, saying on {@code out} what it waits for whenever that changes, and
     * how long it has waited every {@link #WAITING_REMINDER}.
     *
     * @param notReady what the process still waits for, or null once it is ready
     * @return false if the process was asked to stop, or a service failed, before it was ready
     */
    boolean awaitReady(Supplier<String> notReady, PrintWriter out) throws InterruptedException {
        stopOnShutdown();
        long start = System.nanoTime();
        long lastSaid = start;
        String said = null;
        while (!stopped.await(READINESS_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            String missing = notReady.get();
            if (missing == null) {
                return true;
            }
            long now = System.nanoTime();
            if (!missing.equals(said) || now - lastSaid >= WAITING_REMINDER.toNanos()) {
                out.printf(
                        "waiting (%d s) for %s%n", Duration.ofNanos(now - start).toSeconds(), missing);
                out.flush();
                said = missing;
                lastSaid = now;
            }
        }
        return false;
    }

    /**
     * Blocks until the process is asked to stop or a service fails, then closes everything.
     *
     * @return the command's exit code: 0 after a requested stop, 1 after a failure, which is reported on {@code err}
     */
    int awaitStop(PrintWriter err) throws InterruptedException {
        Thread hook = stopOnShutdown();
        stopped.await();
        if (failure == null) {
            return 0;
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        close();
        err.println("reunify: " + failure);
        err.flush();
        return 1;
    }

    /** Ctrl-C or SIGTERM stops the services, closed in order, before the JVM exits. */
    private synchronized Thread stopOnShutdown() {
        if (hook == null) {
            hook = new Thread(
                    () -> {
                        stopped.countDown();
                        close();
                    },
                    "reunify-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return hook;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("could not close {} cleanly: {}", service.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
