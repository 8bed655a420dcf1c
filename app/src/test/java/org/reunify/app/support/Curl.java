package org.reunify.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code curl}, run as a process as an agency would run it: HTTPS trusting the certificate of {@code up --tls}
 * ({@code ca.pem}), the agency's login with {@code -u}.
 */
public final class Curl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CURL = Path.of("/usr/bin/curl");

    /** What came back: the status and the body, and how long it took. */
    public record Answer(int status, String body, Duration took) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final Path trust;

    public Curl(Path trust) {
        assertThat(CURL).as("the gateway tests run Debian's curl").isExecutable();
        this.trust = trust;
    }

    /**
     * Runs curl on {@code url} with the arguments (a method, headers, {@code --data-binary @FILE}, {@code -u}).
     */
    public Answer run(URI url, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                CURL.toString(), "-sS", "--cacert", trust.toString(), "--max-time", "120", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        command.add(url.toString());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String text = new String(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        assertThat(end).as("curl %s: %s", args, err).isGreaterThanOrEqualTo(0);
        return new Answer(Integer.parseInt(text.substring(end + 1).strip()), text.substring(0, end), took);
    }

    /** Posts a file to the gateway, streamed from disk ({@code -T}: a file of any size never sits in curl's memory). */
    public Answer post(URI url, String login, Path file, String contentType, String... more)
            throws IOException, InterruptedException {
        List<String> args =
                new ArrayList<>(List.of("-X", "POST", "-H", "Content-Type: " + contentType, "-T", file.toString()));
        if (login != null) {
            args.addAll(List.of("-u", login));
        }
        args.addAll(List.of(more));
        return run(url, args.toArray(String[]::new));
    }
}
