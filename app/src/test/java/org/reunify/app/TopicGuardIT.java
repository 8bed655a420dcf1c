package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.Topics;
import org.reunify.testkit.KafkaBrokerExtension;
import picocli.CommandLine;

/** The streams app refuses to start on topics that would lose or miscount data, and says how to fix them. */
class TopicGuardIT {

    private static final Map<String, String> EVENTS =
            Map.of("retention.ms", "-1", "retention.bytes", "-1", "message.timestamp.type", "LogAppendTime");

    @TempDir
    Path dir;

    /** A fresh broker for every test: the topics are the pipeline's fixed names. */
    @RegisterExtension
    final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void anAgencyTopicThatDeletesOldEventsIsRefused() {
        kafka.broker()
                .createTopic(
                        Topics.eventsTopic("nib"),
                        6,
                        Map.of("retention.ms", "604800000", "message.timestamp.type", "LogAppendTime"));

        String err = refusedStart();

        assertThat(err)
                .contains("reunification.events.nib has retention.ms=604800000, it must be -1")
                .contains("kafka-configs.sh --alter --entity-type topics --entity-name reunification.events.nib "
                        + "--add-config retention.ms=-1");
    }

    @Test
    void anAgencyTopicWithProducerTimestampsIsRefused() {
        kafka.broker().createTopic(Topics.eventsTopic("nib"), 6, Map.of("retention.ms", "-1", "retention.bytes", "-1"));

        assertThat(refusedStart()).contains("message.timestamp.type=CreateTime, it must be LogAppendTime");
    }

    @Test
    void aCompactedAgencyTopicIsRefused() {
        kafka.broker()
                .createTopic(
                        Topics.eventsTopic("nib"),
                        6,
                        Map.of(
                                "retention.ms",
                                "-1",
                                "retention.bytes",
                                "-1",
                                "message.timestamp.type",
                                "LogAppendTime",
                                "cleanup.policy",
                                "compact"));

        assertThat(refusedStart()).contains("cleanup.policy=compact, it must be delete");
    }

    @Test
    void aTotalsTopicThatIsNotCompactedIsRefused() {
        kafka.broker().createTopic(Topics.TOTALS.name(), 6, Map.of());

        assertThat(refusedStart()).contains("reunification.totals has cleanup.policy=delete, it must be compact");
    }

    @Test
    void aRejectedTopicTooSmallForTheLargestRefusalIsRefused() {
        kafka.broker()
                .createTopic(
                        Topics.REJECTED.name(),
                        6,
                        Map.of("retention.ms", "-1", "retention.bytes", "-1", "max.message.bytes", "65536"));

        assertThat(refusedStart())
                .contains("reunification.rejected has max.message.bytes=65536, it must be at least 262144");
    }

    @Test
    void stateWrittenByAnEarlierVersionIsRefusedWithHowToCountAgain() {
        kafka.broker().createTopic("reunify-case-histories-changelog", 6, Map.of("cleanup.policy", "compact"));

        assertThat(refusedStart())
                .contains("holds state written by an earlier version of reunify")
                .contains("kafka-streams-application-reset.sh --application-id reunify");
    }

    @Test
    void caseStateKeptApartByTheVersionBeforeTheCompactCaseStateIsRefused() {
        kafka.broker().createTopic("reunify-case-summaries-changelog", 6, Map.of("cleanup.policy", "compact"));

        assertThat(refusedStart())
                .contains("holds state written by an earlier version of reunify (reunify-case-summaries-changelog)");
    }

    @Test
    void regionSumsOfTheVersionBeforeTheDestinationAndDailyTalliesAreRefused() {
        kafka.broker().createTopic("reunify-region-tallies-changelog", 6, Map.of("cleanup.policy", "compact"));

        assertThat(refusedStart())
                .contains("holds state written by an earlier version of reunify (reunify-region-tallies-changelog)");
    }

    @Test
    void agencyTopicsWithDifferentPartitionCountsAreRefused() {
        kafka.broker().createTopic(Topics.eventsTopic("nib"), 6, EVENTS);
        kafka.broker().createTopic(Topics.eventsTopic("rchr"), 3, EVENTS);

        assertThat(refusedStart()).contains("different partition counts {nib=6, rchr=3}");
    }

    @Test
    void agencyTopicsWithMorePartitionsThanTheCasesAreSpreadOverAreRefused() {
        kafka.broker().createTopic(Topics.eventsTopic("nib"), 8, EVENTS);

        assertThat(refusedStart())
                .contains(
                        "the agency topics have up to 8 partitions {nib=8}, more than the 6 the cases are spread over")
                .contains("run with --partitions 8 or more under a new --application-id");
    }

    private String refusedStart() {
        StringWriter err = new StringWriter();
        CommandLine command = Reunify.commandLine();
        command.setOut(new PrintWriter(new StringWriter(), true));
        command.setErr(new PrintWriter(err, true));

        int exitCode = command.execute(
                "streams",
                "--bootstrap",
                kafka.broker().bootstrapServers(),
                "--state-dir",
                dir.toString(),
                "--replication-factor",
                "1");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("refusing to run");
        return err.toString();
    }
}
