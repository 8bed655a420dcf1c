package org.reunify.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the loggers under one name log while this is open, as the lines a log file would get (exception messages and
 * their causes included): for tests of what a log says, and of what it must never say.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures the logger named {@code name} and those below it, at the levels the test configuration lets through. */
    public static CapturedLog of(String name) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(name));
    }

    /** Every line so far: {@code LEVEL logger - message}, then {@code | Exception: message} for each cause. */
    public List<String> lines() {
        return events().stream().map(CapturedLog::line).toList();
    }

    /** The lines at WARN. */
    public List<String> warnings() {
        return events().stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(CapturedLog::line)
                .toList();
    }

    private List<ILoggingEvent> events() {
        // The appender adds under its own lock, from the logging threads.
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    private static String line(ILoggingEvent event) {
        StringBuilder line =
                new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage());
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            line.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
        }
        return line.toString();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
