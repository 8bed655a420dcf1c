package org.reunify.operations.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The report as a table for an operator and as one JSON object for a program, with the same facts. */
class StatusFormatsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void aWellReportEndsInOkAndListsEachPart() {
        String table = table(report(sinkAt(0, Optional.empty()), "Stable", List.of("reunify-1-consumer on /10.0.0.5")));

        assertThat(table)
                .contains("reunify status at 2026-12-03 12:00:00 UTC")
                .contains("cluster q1w2e3: 3 brokers, controller 1")
                .containsPattern("reunification\\.events\\.nib +6 +3  safe")
                .contains("streams app 'reunify': Stable (classic protocol), 1 member")
                .containsPattern("nib +6 +12  2026-12-03 11:59:58")
                .containsPattern("file +reunification\\.totals +0 +-  reunify-data/tallies")
                .containsPattern("CONFLICTING_DUPLICATE +1 +2")
                .endsWith("OK\n");
    }

    @Test
    void aReportWithProblemsEndsInEachOfThemOnItsOwnLine() {
        SinkPosition behind = SinkPosition.judge(
                "file",
                "reunify-data/tallies",
                "reunification.totals",
                List.of(new SinkPosition.Partition(
                        0, 10, Optional.of(NOW.minusSeconds(50)), 15, Optional.of(NOW.minusSeconds(40)))),
                NOW,
                Duration.ofSeconds(30));

        String table = table(report(behind, "Empty", List.of()));

        assertThat(table)
                .contains("2 PROBLEMS\n"
                        + "  - the streams app 'reunify' is not running: its group has no members (state Empty); "
                        + "start it, or read its log for why it stopped\n"
                        + "  - the file sink (reunify-data/tallies) is behind on reunification.totals: 5 records not "
                        + "applied, a change waiting for 40 s (more than 30 s): is it running?\n");
    }

    @Test
    void theJsonHasOkProblemsAndTheSameFacts() throws Exception {
        JsonNode json =
                new ObjectMapper().readTree(StatusJson.format(report(sinkAt(0, Optional.empty()), "Empty", List.of())));

        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("problems")).hasSize(1);
        assertThat(json.at("/cluster/brokers").asInt()).isEqualTo(3);
        assertThat(json.at("/topics/0/name").asText()).isEqualTo("reunification.events.nib");
        assertThat(json.at("/topics/0/safe").asBoolean()).isTrue();
        assertThat(json.at("/streams/state").asText()).isEqualTo("Empty");
        assertThat(json.at("/agencies/0/lag").asLong()).isEqualTo(12);
        assertThat(json.at("/agencies/0/latestEvent").asText()).isEqualTo("2026-12-03T11:59:58Z");
        assertThat(json.at("/sinks/0/behind").asLong()).isZero();
        assertThat(json.at("/refusals/lastDay/CONFLICTING_DUPLICATE").asLong()).isEqualTo(2);
    }

    @Test
    void anUnreachableClusterIsTheOneProblem() throws Exception {
        StatusReport report = StatusReport.unreachable(NOW, "the cluster at 127.0.0.1:9092 did not answer within 10 s");

        assertThat(table(report)).endsWith("1 PROBLEM\n  - the cluster at 127.0.0.1:9092 did not answer within 10 s\n");
        assertThat(new ObjectMapper()
                        .readTree(StatusJson.format(report))
                        .get("ok")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertThat(StatusTable.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(StatusTable.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(StatusTable.duration(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(StatusTable.duration(Duration.ofMinutes(127))).isEqualTo("2 h 7 min");
    }

    private static SinkPosition sinkAt(long behind, Optional<Duration> waiting) {
        return new SinkPosition(
                "file", "reunify-data/tallies", "reunification.totals", behind, waiting, Optional.empty());
    }

    private static StatusReport report(SinkPosition sink, String state, List<String> members) {
        RefusalCounts refusals = new RefusalCounts(NOW);
        refusals.count(NOW.minusSeconds(60), "CONFLICTING_DUPLICATE: nib/e-1 was sent earlier");
        refusals.count(NOW.minus(Duration.ofHours(2)), "CONFLICTING_DUPLICATE: nib/e-2 was sent earlier");
        return new StatusReport(
                NOW,
                Optional.empty(),
                Optional.of(new ClusterSummary("q1w2e3", 3, OptionalInt.of(1))),
                Optional.of(new TopicsCheck(
                        List.of(new TopicStatus("reunification.events.nib", 6, 3, List.of())), List.of())),
                Optional.of(
                        new StreamsAppStatus("reunify", "classic", state, members, Map.of("nib", 12L), Duration.ZERO)),
                List.of(sink),
                Optional.of(refusals),
                List.of(new AgencyActivity("nib", 6, Optional.of(NOW.minusSeconds(2)))));
    }

    private static String table(StatusReport report) {
        StringWriter out = new StringWriter();
        StatusTable.print(report, new PrintWriter(out));
        return out.toString();
    }
}
