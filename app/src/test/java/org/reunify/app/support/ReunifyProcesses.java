package org.reunify.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code reunify.jar} run as users run it, each command in its own JVM; every one still alive is killed on close. */
public final class ReunifyProcesses implements AutoCloseable {

    private final List<Running> started = new ArrayList<>();

    public Running start(String... args) throws IOException {
        return launch(null, args);
    }

    /**
     * Starts a command whose log (standard error) goes to {@code log}, for a test that reads it; a line it waits for
     * in vain is reported with the log's end.
     */
    public Running startLoggingTo(Path log, String... args) throws IOException {
        return launch(log, args);
    }

    private Running launch(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                System.getProperty("reunify.jar", "target/reunify.jar")));
        command.addAll(List.of(args));
        if (List.of("streams", "sink").contains(args[0])) {
            // A test's processes share one host: their health and metrics endpoints take free ports.
            command.addAll(List.of("--metrics-port", "0"));
        }
        ProcessBuilder.Redirect stderr =
                log == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.to(log.toFile());
        Running running =
                new Running(new ProcessBuilder(command).redirectError(stderr).start(), log);
        started.add(running);
        return running;
    }

    /** Runs a command to its end and returns it. */
    public Running run(String... args) throws IOException, InterruptedException {
        Running running = start(args);
        assertThat(running.process.waitFor(3, TimeUnit.MINUTES))
                .as("reunify %s ended", List.of(args))
                .isTrue();
        running.drained.join();
        return running;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        started.forEach(running -> running.process.destroyForcibly());
    }

    /** A reunify process whose standard output is collected line by line as it comes. */
    public static final class Running {
        private static final int LOG_LINES_SHOWN = 150;

        public final Process process;
        public final List<String> lines = new CopyOnWriteArrayList<>();
        public final Thread drained;
        private final Path log;

        Running(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.drained = new Thread(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            drained.start();
        }

        public void awaitLine(String expected, Duration within) {
            await().atMost(within).untilAsserted(() -> {
                assertThat(process.isAlive())
                        .as(() -> "reunify is still running" + logEnd())
                        .isTrue();
                assertThat(lines).as(this::logEnd).contains(expected);
            });
        }

        /** The last lines of the process's log, when it has one, without the stack frames. */
        private String logEnd() {
            if (log == null) {
                return "";
            }
            try (Stream<String> all = Files.lines(log)) {
                List<String> kept =
                        all.filter(line -> !line.startsWith("\tat ")).toList();
                return "\nthe end of its log, " + log + ":\n"
                        + String.join("\n", kept.subList(Math.max(0, kept.size() - LOG_LINES_SHOWN), kept.size()));
            } catch (IOException e) {
                return "\n(its log " + log + " cannot be read: " + e + ")";
            }
        }

        /** SIGTERM, as Ctrl-C or a service manager stops it; returns the exit code. */
        public int stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(1, TimeUnit.MINUTES))
                    .as("stopped within a minute of SIGTERM")
                    .isTrue();
            return process.exitValue();
        }

        /** SIGKILL: no shutdown hook, no clean close, as a crash or an OOM kill. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
    }
}
