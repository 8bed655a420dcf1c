package org.reunify.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.Topics;
import org.reunify.testkit.KafkaBroker;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The streams app refuses to start on topics that would lose or miscount data, and says how to fix them. */
class TopicGuardIT {

    @TempDir
    Path dir;

    private KafkaBroker broker;

    @BeforeEach
    void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void anAgencyTopicThatDeletesOldEventsIsRefused() {
        broker.createTopic(Topics.eventsTopic("nib"), 6, Map.of("retention.ms", "604800000", "message.timestamp.type", "LogAppendTime"));

        String err = refusedStart();

        assertThat(err).contains("reunification.events.nib has retention.ms=604800000, it must be -1")
                .contains("kafka-configs.sh --alter --entity-type topics --entity-name reunification.events.nib --add-config retention.ms=-1");
    }

    @Test
    void anAgencyTopicWithProducerTimestampsIsRefused() {
        broker.createTopic(Topics.eventsTopic("nib"), 6, Map.of("retention.ms", "-1", "retention.bytes", "-1"));

        assertThat(refusedStart()).contains("message.timestamp.type=CreateTime, it must be LogAppendTime");
    }

    @Test
    void aCompactedAgencyTopicIsRefused() {
        broker.createTopic(Topics.eventsTopic("nib"), 6, Map.of("retention.ms", "-1", "retention.bytes", "-1",
                "message.timestamp.type", "LogAppendTime", "cleanup.policy", "compact"));

        assertThat(refusedStart()).contains("cleanup.policy=compact, it must be delete");
    }

    @Test
    void aTotalsTopicThatIsNotCompactedIsRefused() {
        broker.createTopic(Topics.TOTALS, 6, Map.of());

        assertThat(refusedStart()).contains("reunification.totals has cleanup.policy=delete, it must be compact");
    }

    @Test
    void agencyTopicsWithDifferentPartitionCountsAreRefused() {
        Map<String, String> events = Map.of("retention.ms", "-1", "retention.bytes", "-1", "message.timestamp.type", "LogAppendTime");
        broker.createTopic(Topics.eventsTopic("nib"), 6, events);
        broker.createTopic(Topics.eventsTopic("rchr"), 3, events);

        assertThat(refusedStart()).contains("different partition counts {nib=6, rchr=3}");
    }

    private String refusedStart() {
        StringWriter err = new StringWriter();
        CommandLine command = Reunify.commandLine();
        command.setOut(new PrintWriter(new StringWriter(), true));
        command.setErr(new PrintWriter(err, true));

        int exitCode = command.execute("streams", "--bootstrap", broker.bootstrapServers(), "--state-dir", dir.toString(),
                "--replication-factor", "1");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("refusing to run");
        return err.toString();
    }
}
