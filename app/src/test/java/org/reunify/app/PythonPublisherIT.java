package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.EventLines;
import org.reunify.app.support.Figures;
import org.reunify.app.support.Pipeline;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.producers.EventLineParser;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Topics;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.HistoryOracle;
import org.reunify.streams.rules.Position;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBrokerExtension;

/**
 * An agency without Java: {@code producers/examples/python/publish.py}, on Debian's confluent-kafka (librdkafka, its
 * own CRC32 partitioner) and avro, with nothing of reunify's but the schema file {@code reunify schema} prints. What it
 * publishes is what {@code reunify publish} would have made of the same lines, and counts exactly.
 */
class PythonPublisherIT {

    /** Debian's interpreter, which has Debian's packages; a python3 earlier on the PATH may not. */
    private static final String PYTHON = "/usr/bin/python3";

    private static final Path SCRIPT = Path.of("../producers/examples/python/publish.py");
    private static final String AGENCY = "py-agency";
    private static final List<String> REGIONS = List.of("UA-09", "UA-14", "UA-43", "UA-65", "UA-30");

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void aFilePublishedByThePythonExampleCountsExactly() throws Exception {
        Map<String, Object> client = kafka.broker().clientConfig();
        try (Admin admin = Admin.create(client)) {
            new AgencyProvisioning(admin).add(AGENCY, OptionalInt.of(3), Optional.empty());
        }
        List<String> lines = agencyFile(new Random(19));
        Path file = Files.write(dir.resolve("events.jsonl"), lines);
        StreamsRunner streams = new Pipeline(client, new TopologySettings(3)).startStreams(dir.resolve("streams"));
        try {
            Result published = publishWithPython(file, "--expect-fingerprint", schemaOutput("fingerprint"));

            assertThat(published.exitCode()).as(published.err()).isEqualTo(1);
            assertThat(published.err().lines())
                    .containsExactly(
                            file + ":4: unknown field 'name' in a DEPORTATION_REPORTED event",
                            file + ":9: region 'UA-44' is not one of the 27 ISO 3166-2:UA codes",
                            file + ":14: occurredOn must be an ISO date (YYYY-MM-DD)");
            List<CaseRecord> history = history(kafka.broker().readCommitted(Topics.eventsTopic(AGENCY)));
            assertThat(published.out())
                    .isEqualTo(String.format(
                            "%s: published %,d to %s, refused 3%n",
                            AGENCY, history.size(), Topics.eventsTopic(AGENCY)));
            assertThat(events(history)).containsExactlyInAnyOrderElementsOf(whatReunifyPublishMakesOf(lines));

            Map<String, String> expected =
                    Figures.of(Figures.expected(new HistoryOracle(history, CaseLimits.DEFAULT).tallies()));
            assertThat(Figures.of(Figures.awaitSettled(client))).isEqualTo(expected);
            assertThat(kafka.broker().readCommitted(Topics.REJECTED.name())).isEmpty();
        } finally {
            streams.close();
        }
    }

    @Test
    void aSchemaFileOtherThanTheStreamsIsRefusedBeforeAnythingIsSent() throws Exception {
        Path file = Files.write(dir.resolve("events.jsonl"), List.of(EventLines.deportation("e-1", "c-1", "UA-14")));

        Result published = publishWithPython(file, "--expect-fingerprint", "0123456789abcdef");

        assertThat(published.exitCode()).isEqualTo(2);
        assertThat(published.err()).contains("not 0123456789abcdef: wrong schema file");
    }

    /**
     * Deportations with and without a destination (the latter also fit the union's ReturnConfirmed), returns,
     * retractions before and after their target, re-deliveries, and three lines an agency gets wrong.
     */
    private static List<String> agencyFile(Random random) {
        List<String> lines = new ArrayList<>();
        for (int c = 0; lines.size() < 400; c++) {
            String caseId = "c-" + c;
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            String report = deportation("e-" + c, caseId, region, random.nextBoolean() ? "RU" : null);
            switch (c % 5) {
                case 0 -> lines.add(report);
                case 1 -> {
                    lines.add(report);
                    lines.add(returned("e-" + c + "-r", caseId, region));
                }
                case 2 -> {
                    lines.add(retraction("e-" + c + "-x", caseId, "e-" + c));
                    lines.add(report);
                    lines.add(deportation("e-" + c + "-b", caseId, "UA-05", "BY"));
                }
                case 3 -> {
                    lines.add(report);
                    lines.add(report);
                }
                default -> lines.add(returned("e-" + c + "-r", caseId, region));
            }
        }
        lines.add(
                3,
                "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"e-n\",\"caseId\":\"c-n\",\"region\":\"UA-14\","
                        + "\"occurredOn\":\"2022-05-01\",\"name\":\"never a name\"}");
        lines.add(8, deportation("e-luhansk", "c-luhansk", "UA-44", null));
        lines.add(
                13,
                "{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"e-d\",\"caseId\":\"c-d\",\"region\":\"UA-14\","
                        + "\"occurredOn\":\"1 May 2022\"}");
        return lines;
    }

    private static String deportation(String eventId, String caseId, String region, String destination) {
        return "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"" + eventId + "\",\"caseId\":\"" + caseId
                + "\",\"region\":\"" + region + "\",\"occurredOn\":\"2022-05-01\""
                + (destination == null ? "" : ",\"destination\":\"" + destination + "\"") + "}";
    }

    private static String returned(String eventId, String caseId, String region) {
        return "{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"" + eventId + "\",\"caseId\":\"" + caseId
                + "\",\"region\":\"" + region + "\",\"occurredOn\":\"2025-12-01\"}";
    }

    private static String retraction(String eventId, String caseId, String retracts) {
        return "{\"type\":\"REPORT_RETRACTED\",\"eventId\":\"" + eventId + "\",\"caseId\":\"" + caseId
                + "\",\"retracts\":\"" + retracts + "\",\"reason\":\"entered twice\"}";
    }

    private static List<CaseEvent> whatReunifyPublishMakesOf(List<String> lines) {
        EventLineParser parser = new EventLineParser(new EventFactory(AGENCY, "reunify"));
        return lines.stream()
                .map(line -> parser.parse(line, Instant.now()))
                .filter(parsed -> !parsed.isRefused())
                .map(parsed -> CaseEvent.of(parsed.event()))
                .toList();
    }

    /** The records as the rules see them: each decoded as the stream decodes it, where the broker put it. */
    private static List<CaseRecord> history(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<CaseRecord> history = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CaseEvent event = CaseEvent.of(EventCodec.decode(record.value()));
            assertThat(record.key()).isEqualTo(event.caseId());
            history.add(new CaseRecord(event, new Position(record.timestamp(), record.partition(), record.offset())));
        }
        history.sort(Comparator.comparing(CaseRecord::position));
        return history;
    }

    private static List<CaseEvent> events(List<CaseRecord> history) {
        return history.stream().map(CaseRecord::event).toList();
    }

    private Result publishWithPython(Path file, String... options) throws IOException, InterruptedException {
        Path schema = Files.writeString(dir.resolve("ReunificationEvent.avsc"), schemaOutput("avsc"));
        List<String> command = new ArrayList<>(List.of(
                PYTHON,
                SCRIPT.toString(),
                "--bootstrap",
                kafka.broker().bootstrapServers(),
                "--agency",
                AGENCY,
                "--schema",
                schema.toString()));
        command.addAll(List.of(options));
        command.add(file.toString());
        Path out = dir.resolve("publish.out");
        Path err = dir.resolve("publish.err");
        Process python = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(python.waitFor(2, TimeUnit.MINUTES))
                .as("publish.py finished")
                .isTrue();
        String errors = Files.readString(err);
        assertThat(errors)
                .as("Debian's python3-confluent-kafka and python3-avro (.ci/run installs them)")
                .doesNotContain("ModuleNotFoundError");
        return new Result(python.exitValue(), Files.readString(out), errors);
    }

    private static String schemaOutput(String format) {
        StringWriter out = new StringWriter();
        assertThat(Reunify.commandLine().setOut(new PrintWriter(out, true)).execute("schema", "--format", format))
                .isZero();
        return out.toString().strip();
    }

    private record Result(int exitCode, String out, String err) {}
}
