package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** A failed command ends with one line that says why, and an exit code that tells a script whether it is a bug. */
class FailuresTest {

    private final StringWriter err = new StringWriter();

    @Test
    void anExpectedFailureIsOneLineAndExitCodeOne() {
        String problem = "agency id must match [a-z0-9][a-z0-9-]{1,31}";

        int exitCode = Failures.report(new IllegalArgumentException(problem), "agency", new PrintWriter(err, true));

        assertThat(exitCode).isEqualTo(Failures.FAILED);
        assertThat(err.toString()).isEqualTo("reunify agency: " + problem + System.lineSeparator());
    }

    @Test
    void aKafkaRefusalIsExpectedToo() {
        assertThat(Failures.report(
                        new TopicAuthorizationException("not authorized"), "publish", new PrintWriter(err, true)))
                .isEqualTo(Failures.FAILED);
    }

    @Test
    void anUnexpectedFailureSaysItIsAnInternalErrorAndExitsWithItsOwnCode() {
        int exitCode = Failures.report(new NullPointerException("region"), "totals", new PrintWriter(err, true));

        assertThat(exitCode).isEqualTo(Failures.BUG).isNotEqualTo(Failures.FAILED);
        assertThat(err.toString())
                .startsWith("reunify totals: internal error: region")
                .contains("stack trace");
    }
}
