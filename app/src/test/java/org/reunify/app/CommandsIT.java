package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;
import org.reunify.schemas.Topics;
import org.reunify.streams.runtime.PipelineTopics;
import org.reunify.testkit.KafkaBrokerExtension;
import picocli.CommandLine;

/** The agency-facing commands against a real broker, as a user types them. */
class CommandsIT {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void agencyAddProvisionsATopicKeptForeverWithAppendTime() throws Exception {
        Result result = run("agency", "add", "national-police");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).contains("created reunification.events.national-police (6 partitions");
        try (Admin admin = KAFKA.broker().admin()) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.eventsTopic("national-police"));
            Config config = admin.describeConfigs(Set.of(topic)).all().get().get(topic);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
        }
    }

    @Test
    void everyLaterAgencyGetsTheFirstAgencysPartitionCount() {
        run("agency", "add", "rchr");

        Result second = run("agency", "add", "yale-hrl");
        Result conflicting = run("agency", "add", "bring-kids-back", "--partitions", "5");

        assertThat(second.out).contains("(6 partitions");
        assertThat(conflicting.exitCode).isEqualTo(1);
        assertThat(conflicting.err).contains("same partition count");
    }

    @Test
    void publishForAnAgencyWithoutATopicFailsNamingTheCommandToRun() throws IOException {
        Path file = Files.write(
                dir.resolve("events.jsonl"),
                List.of("{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\","
                        + "\"region\":\"UA-14\",\"occurredOn\":\"2022-05-01\"}"));

        Result result = run("publish", "--agency", "unprovisioned", file.toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("reunify agency add unprovisioned");
    }

    @Test
    void publishReportsRefusedLinesPublishesTheRestAndExitsNonZero() throws IOException {
        run("agency", "add", "nib");
        Path file = Files.write(
                dir.resolve("nib.jsonl"),
                List.of(
                        "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"e-1\",\"caseId\":\"c-1\","
                                + "\"region\":\"UA-14\",\"occurredOn\":\"2022-05-01\"}",
                        "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"e-2\",\"caseId\":\"c-2\","
                                + "\"region\":\"UA-14\",\"occurredOn\":\"2013-05-01\"}",
                        "{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"e-3\",\"caseId\":\"c-1\","
                                + "\"region\":\"UA-14\",\"occurredOn\":\"2024-05-01\"}"));

        Result result = run("publish", "--agency", "nib", file.toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).startsWith(file + ":2: ").contains("2014-02-20");
        assertThat(result.out).isEqualTo("nib: published 2 to reunification.events.nib, refused 1\n");
    }

    @Test
    void totalsAsJsonListsEveryRegionAndTheNationSortedByCode() {
        try (Admin admin = KAFKA.broker().admin()) {
            PipelineTopics.ensure(admin, 1, Optional.of((short) 1));
        }

        Result result = run("totals", "--format", "json");

        assertThat(result.exitCode).isZero();
        List<Tally> tallies = TallyJson.fromJsonArray(result.out);
        assertThat(tallies).hasSize(28);
        assertThat(tallies.get(0).code()).isEqualTo("UA");
        assertThat(tallies).extracting(Tally::code).isSorted();
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Reunify.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] withCluster = new String[args.length + 2];
        System.arraycopy(args, 0, withCluster, 0, args.length);
        withCluster[args.length] = "--bootstrap";
        withCluster[args.length + 1] = KAFKA.broker().bootstrapServers();
        int exitCode = command.execute(withCluster);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {}
}
