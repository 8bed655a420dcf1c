package org.reunify.sink;

import java.util.concurrent.atomic.AtomicReference;

/** A sink on its own thread, as {@code reunify sink} runs it; what it threw, if it did. */
public final class RunningSink implements AutoCloseable {

    private final AutoCloseable sink;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public <T extends Runnable & AutoCloseable> RunningSink(T sink) {
        this.sink = sink;
        this.thread = new Thread(
                () -> {
                    try {
                        sink.run();
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                },
                "sink");
        thread.start();
    }

    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws Exception {
        sink.close();
        thread.join(30_000);
    }
}
