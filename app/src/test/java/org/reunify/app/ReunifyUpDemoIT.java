package org.reunify.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.sink.TallyFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's main job as a user runs it: {@code java -jar reunify.jar up --demo} in its own process, stopped with
 * SIGTERM and started again on the same data dir.
 */
class ReunifyUpDemoIT {

    private static final String DEC_2025 = "UA 19,546 deported, 1,859 returned, 17,687 outstanding";
    private static final Duration DEMO_WITHIN = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final List<Running> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(running -> running.process.destroyForcibly());
    }

    @Test
    void upDemoCountsTheDecember2025FiguresAndARestartCountsNothingTwice() throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        String bootstrap = "127.0.0.1:" + port;

        Running first = reunify("up", "--demo", "--port", String.valueOf(port), "--controller-port", String.valueOf(freePort()),
                "--data-dir", data.toString());
        first.awaitLine("demo: " + DEC_2025);
        assertThat(first.lines).anyMatch(line -> line.startsWith("demo: published ") && line.contains("from 5 agencies"));
        assertNational(totalsJson(bootstrap));
        assertThat(Figures.of(TallyJson.fromJsonArray(Figures.read(new TallyFiles(data.resolve("tallies")).json()))))
                .containsEntry("UA", "19546/1859/17687");
        assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 143);

        Running second = reunify("up", "--demo", "--port", String.valueOf(port), "--controller-port", String.valueOf(freePort()),
                "--data-dir", data.toString());
        second.awaitLine("demo: " + DEC_2025);
        assertThat(second.lines).anyMatch(line -> line.contains("already in this data dir"));
        assertNational(totalsJson(bootstrap));
        second.stop();
    }

    private static void assertNational(List<Tally> tallies) {
        assertThat(tallies).hasSize(28).isSortedAccordingTo((a, b) -> a.region().compareTo(b.region()));
        assertThat(Figures.of(tallies)).containsEntry("UA", "19546/1859/17687");
    }

    private List<Tally> totalsJson(String bootstrap) throws Exception {
        Running totals = reunify("totals", "--format", "json", "--bootstrap", bootstrap);
        assertThat(totals.process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        totals.drained.join();
        assertThat(totals.process.exitValue()).isZero();
        return TallyJson.fromJsonArray(String.join("\n", totals.lines));
    }

    private Running reunify(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", System.getProperty("reunify.jar", "target/reunify.jar")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Running running = new Running(process);
        started.add(running);
        return running;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A reunify process whose standard output is collected line by line as it comes. */
    private static final class Running {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Thread drained;

        Running(Process process) {
            this.process = process;
            this.drained = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            drained.start();
        }

        void awaitLine(String expected) {
            await().atMost(DEMO_WITHIN).untilAsserted(() -> {
                assertThat(process.isAlive()).as("reunify is still running").isTrue();
                assertThat(lines).contains(expected);
            });
        }

        int stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("stopped within a minute of SIGTERM").isTrue();
            return process.exitValue();
        }
    }
}
