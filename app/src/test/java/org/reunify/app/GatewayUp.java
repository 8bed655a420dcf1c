package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One {@code reunify up --secure --tls} for every gateway test of the run (they share the test JVM), with its agencies
 * provisioned before its streams app starts: each test publishes to agencies and regions of its own. Stopped when the
 * JVM exits.
 */
final class GatewayUp {

    /** Agencies of the gateway tests, each test's own. */
    static final List<String> AGENCIES = List.of("nib", "police", "crowd", "yale", "page-en", "page-uk");

    private static SecuredReunify running;

    private GatewayUp() {}

    static synchronized SecuredReunify get() throws Exception {
        if (running == null) {
            Path dir = Files.createTempDirectory("gateway-up");
            SecuredReunify first = SecuredReunify.start(dir, "--tls");
            for (String agency : AGENCIES) {
                assertThat(first.command(
                                "agency",
                                "add",
                                agency,
                                "--command-config",
                                first.login("admin").toString()))
                        .isZero();
            }
            running = first.restarted();
            SecuredReunify stopped = running;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                stopped.close();
                                deleteQuietly(dir);
                            },
                            "gateway-up-stop"));
        }
        return running;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Only a temporary directory left behind.
        }
    }
}
