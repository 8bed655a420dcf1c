package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.reunify.app.support.Attempt.Verdict.ALLOWED;
import static org.reunify.app.support.Attempt.Verdict.REFUSED;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Attempt;
import org.reunify.app.support.EventLines;
import org.reunify.app.support.Figures;
import org.reunify.security.Principals;

/** {@code reunify up --secure --tls}: the logins travel over TLS, and only over TLS. */
class SecureTlsIT {

    @TempDir
    Path dir;

    @Test
    void overTlsAnAgencyPublishesAndADashboardReadsTheTotalsButAPlaintextConnectionIsRefused() throws Exception {
        try (SecuredReunify reunify = SecuredReunify.start(dir, "--tls")) {
            assertThat(reunify.client("admin")).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(reunify.logins().resolve("broker.p12"))))
                    .isEqualTo("rw-------");

            Attempt.expect(
                    ALLOWED,
                    "agency nib, then a dashboard, over TLS (`up --secure --tls`)",
                    "publish a file, then read the totals",
                    () -> {
                        assertThat(reunify.command(
                                        "agency",
                                        "add",
                                        "nib",
                                        "--command-config",
                                        reunify.login("admin").toString()))
                                .isZero();
                        Path events = Files.write(
                                dir.resolve("nib.jsonl"), List.of(EventLines.deportation("n-1", "c-1", "UA-14")));
                        assertThat(reunify.command(
                                        "publish",
                                        "--agency",
                                        "nib",
                                        "--command-config",
                                        reunify.login(Principals.agencyUser("nib"))
                                                .toString(),
                                        events.toString()))
                                .isZero();
                        Figures.awaitTotals(reunify.client("dashboard"), Map.of("UA", "1/0/1", "UA-14", "1/0/1"));
                    });

            Map<String, Object> plaintext = reunify.client("dashboard");
            plaintext.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            Attempt.expect(
                    REFUSED,
                    "dashboard without TLS (SASL_PLAINTEXT) on the TLS listener",
                    "list the topics",
                    () -> SecuredReunify.listTopics(plaintext));
            assertThat(catchThrowable(() -> SecuredReunify.listTopics(reunify.client("dashboard"))))
                    .as("the broker answers over TLS meanwhile")
                    .isNull();
        }
    }
}
