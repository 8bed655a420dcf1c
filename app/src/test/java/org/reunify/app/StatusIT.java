package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.reunify.app.support.EventLines.deportation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.EventLines;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.schemas.Topics;
import org.reunify.sink.FileTallySink;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.postgres.Database;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBrokerExtension;
import org.reunify.testkit.PostgresServer;
import picocli.CommandLine;

/**
 * {@code reunify status} on a running pipeline (streams app, file sink, PostgreSQL sink) exits 0; once the file sink
 * stops while events keep coming it exits 1 and names that sink alone; unsafe topics and an unreachable cluster are
 * named too.
 */
class StatusIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @AfterEach
    void stopThePipeline() throws Exception {
        while (!running.isEmpty()) {
            running.pop().close();
        }
    }

    @Test
    void onARunningPipelineItExitsZeroAndOnceTheFileSinkStopsWhileEventsKeepComingItExitsOneNamingIt()
            throws Exception {
        PostgresServer postgres = PostgresServer.start();
        running.push(postgres);
        Database database = new Database(postgres.createDatabase(), postgres.user(), postgres.password());
        Map<String, Object> client = kafka.broker().clientConfig();
        try (Admin admin = Admin.create(client)) {
            new AgencyProvisioning(admin).add("nib", OptionalInt.of(2), Optional.of((short) 1));
        }
        publish(deportation("n-1", "c-1", "UA-14"), deportation("n-2", "c-2", "UA-09"));
        publish(deportation("n-1", "c-1", "UA-63"));
        Pipeline pipeline = new Pipeline(client, new TopologySettings(2));
        StreamsRunner streams = pipeline.startStreams(dir.resolve("streams"));
        running.push(streams::close);
        TallyFiles files = new TallyFiles(dir.resolve("tallies"));
        FileTallySink sink = pipeline.startFileSink(files);
        running.push(sink);
        running.push(pipeline.startPostgresSink(database));
        List<String> sinks = new ArrayList<>(List.of(
                "--sink-dir",
                files.json().getParent().toString(),
                "--jdbc-url",
                database.jdbcUrl(),
                "--db-user",
                database.user()));
        if (database.password() != null) {
            sinks.addAll(List.of(
                    "--db-password-file",
                    Files.writeString(dir.resolve("db-password"), database.password())
                            .toString()));
        }
        Figures.awaitTallyFile(files, Map.of("UA", "2/0/2", "UA-14", "1/0/1", "UA-09", "1/0/1"));

        await().atMost(WITHIN).untilAsserted(() -> {
            Status status = status(sinks.toArray(String[]::new));
            assertThat(status.exitCode).as(status.out).isZero();
            assertThat(status.out)
                    .containsPattern("reunification\\.events\\.nib +2 +1  safe")
                    .containsPattern("reunification\\.totals +2 +1  safe")
                    .containsPattern("streams app 'reunify': Stable \\(classic protocol\\), 1 member")
                    .containsPattern("nib +2 +0  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")
                    .containsPattern("file +reunification\\.totals +0 +-  "
                            + files.json().getParent())
                    .containsPattern("postgresql +reunification\\.destinations .*  " + database.jdbcUrl())
                    .containsPattern("postgresql +reunification\\.totals .*  " + database.jdbcUrl())
                    .containsPattern("postgresql +reunification\\.totals\\.daily .*  " + database.jdbcUrl())
                    .containsPattern("postgresql +reunification\\.timeline .*  " + database.jdbcUrl())
                    .containsPattern("CONFLICTING_DUPLICATE +1 +1")
                    .endsWith("OK\n");
        });

        sink.close();
        publish(deportation("n-3", "c-3", "UA-46"));
        Figures.awaitTotals(client, Map.of("UA", "3/0/3", "UA-14", "1/0/1", "UA-09", "1/0/1", "UA-46", "1/0/1"));

        await().atMost(WITHIN).untilAsserted(() -> {
            List<String> options = new ArrayList<>(sinks);
            options.addAll(List.of("--sink-grace", "1s", "--format", "json"));
            Status status = status(options.toArray(String[]::new));
            assertThat(status.exitCode).as(status.out).isEqualTo(1);
            JsonNode json = new ObjectMapper().readTree(status.out);
            assertThat(json.get("ok").asBoolean()).isFalse();
            assertThat(json.get("problems")).hasSize(1);
            assertThat(json.get("problems").get(0).asText())
                    .startsWith("the file sink (" + files.json().getParent() + ") is behind on reunification.totals")
                    .contains("is it running?");
            assertThat(json.at("/sinks/0/behind").asLong()).isPositive();
            assertThat(json.get("sinks"))
                    .as("the file sink, and the PostgreSQL sink's four topics")
                    .hasSize(5);
        });
    }

    @Test
    void anAgencyTopicThatDeletesOldEventsAndAStreamsAppThatNeverRanAreNamedWithTheirFixes() {
        kafka.broker()
                .createTopic(
                        Topics.eventsTopic("nib"),
                        6,
                        Map.of("retention.ms", "604800000", "message.timestamp.type", "LogAppendTime"));

        Status status = status();

        assertThat(status.exitCode).isEqualTo(1);
        assertThat(status.out)
                .containsPattern("reunification\\.events\\.nib +6 +1  UNSAFE")
                .contains("  - reunification.events.nib has retention.ms=604800000, it must be -1; its events are "
                        + "not counted until it is fixed (kafka-configs.sh --alter --entity-type topics --entity-name "
                        + "reunification.events.nib --add-config retention.ms=-1)")
                .contains("  - reunification.totals does not exist: the streams app creates it when it starts")
                .contains("  - the streams app 'reunify' is not running: it has no group");
    }

    @Test
    void aClusterThatDoesNotAnswerWithinTheTimeoutIsTheProblem() throws IOException {
        String nowhere = "127.0.0.1:" + ReunifyProcesses.freePort();
        long started = System.nanoTime();

        Status status = status("--bootstrap", nowhere, "--timeout", "2s");

        assertThat(status.exitCode).isEqualTo(1);
        assertThat(status.out).endsWith("1 PROBLEM\n  - the cluster at " + nowhere + " did not answer within 2 s\n");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    private record Status(int exitCode, String out) {}

    private Status status(String... options) {
        List<String> args = new ArrayList<>(List.of("status"));
        if (!List.of(options).contains("--bootstrap")) {
            args.addAll(List.of("--bootstrap", kafka.broker().bootstrapServers()));
        }
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        CommandLine command = Reunify.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        int exitCode = command.execute(args.toArray(String[]::new));
        return new Status(exitCode, out.toString());
    }

    private void publish(String... lines) throws IOException {
        assertThat(EventLines.publish(kafka.broker().clientConfig(), dir, "nib", List.of(lines))
                        .refused())
                .isZero();
    }
}
