package org.reunify.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a command that fails ends. An expected failure (bad input, a refused topic, an unreachable cluster, a missing
 * file) is one line on stderr, saying what to do, and exit code {@link #FAILED}. Anything else is a bug: it is logged
 * with its stack trace, and the exit code is {@link #BUG}, so that a script can tell the two apart.
 */
final class Failures {

    /** The command could not do its job; the line on stderr says why. */
    static final int FAILED = 1;
    /** An internal error (sysexits' EX_SOFTWARE); the log holds the stack trace. */
    static final int BUG = 70;

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {}

    /** @return the command's exit code */
    static int report(Throwable error, String command, PrintWriter err) {
        if (isExpected(error)) {
            err.println("reunify " + command + ": " + message(error));
            return FAILED;
        }
        LOG.error("reunify {} failed unexpectedly", command, error);
        err.println("reunify " + command + ": internal error: " + message(error)
                + " (the stack trace is in the log above; please report it)");
        return BUG;
    }

    private static boolean isExpected(Throwable error) {
        return error instanceof IllegalArgumentException
                || error instanceof IllegalStateException
                || error instanceof IOException
                || error instanceof UncheckedIOException
                || error instanceof KafkaException
                || error instanceof SQLException;
    }

    private static String message(Throwable error) {
        Throwable cause = error;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }
}
