package org.reunify.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * What happened when a principal tried something on a secured broker, as a row of the table in
 * {@code docs/SECURITY.md}: each test appends what it tried, what should happen and what did to
 * {@code target/security.md}, then asserts that the two agree.
 */
public final class Attempt {

    private static final ResultTable TABLE = new ResultTable(
            Path.of("target", "security.md"), "| who | tries to | expected | observed |\n|---|---|---|---|\n");

    /** Allowed; refused at login (who are you?); denied by the ACLs (you may not). */
    public enum Verdict {
        ALLOWED,
        REFUSED,
        DENIED
    }

    public interface Action {
        void run() throws Exception;
    }

    private Attempt() {}

    /** Runs the action, records the row and asserts the verdict. */
    public static void expect(Verdict expected, String who, String tries, Action action) {
        String observed = observe(action);
        record(who, tries, expected, observed);
        assertThat(observed)
                .as("%s tries to %s", who, tries)
                .startsWith(expected.name().toLowerCase());
    }

    private static String observe(Action action) {
        try {
            action.run();
            return "allowed";
        } catch (Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof AuthenticationException) {
                    return "refused: " + cause.getClass().getSimpleName();
                }
                if (cause instanceof AuthorizationException) {
                    return "denied: " + cause.getClass().getSimpleName();
                }
                if (cause instanceof TimeoutException) {
                    // A client that does not log in gets every connection closed before its first request is served.
                    return "refused: connections closed, " + cause.getClass().getSimpleName();
                }
            }
            throw new AssertionError("neither allowed nor refused nor denied", failure);
        }
    }

    private static void record(String who, String tries, Verdict expected, String observed) {
        TABLE.append(String.format(
                "| %s | %s | %s | %s |%n", who, tries, expected.name().toLowerCase(), observed));
    }
}
