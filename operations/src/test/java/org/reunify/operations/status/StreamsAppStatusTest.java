package org.reunify.operations.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The streams app is well while its group has members; its lag is per agency topic. */
class StreamsAppStatusTest {

    @Test
    void anAppWithMembersIsRunning() {
        assertThat(app("classic", "Stable", List.of("reunify-1-StreamThread-1-consumer on /127.0.0.1"))
                        .problem())
                .isEmpty();
    }

    @Test
    void anAppWhoseGroupHasNoMembersIsNotRunning() {
        assertThat(app("classic", "Empty", List.of()).problem())
                .contains("the streams app 'reunify' is not running: its group has no members (state Empty); start "
                        + "it, or read its log for why it stopped");
    }

    @Test
    void anAppWithoutAGroupNeverRan() {
        assertThat(app("none", "absent", List.of()).problem())
                .contains("the streams app 'reunify' is not running: it has no group (it never ran under this "
                        + "--application-id)");
    }

    @Test
    void anAppWhoseGroupStaysRebalancingIsNotCounting() {
        StreamsAppStatus stuck = new StreamsAppStatus(
                "reunify",
                "classic",
                "PreparingRebalance",
                List.of("reunify-1-StreamThread-1-consumer on /127.0.0.1"),
                Map.of(),
                Duration.ofSeconds(10));

        assertThat(stuck.problem())
                .contains("the streams app 'reunify' is not counting: its group stayed PreparingRebalance for the 10 s "
                        + "status watched it; each instance's /health/ready and log name the state it is stuck in");
    }

    @Test
    void theLagOfAnAgencyIsItsPartitionsRecordsPastTheCommittedOffsetsAndAllOfAPartitionNeverCommitted() {
        TopicPartition nib0 = new TopicPartition("reunification.events.nib", 0);
        TopicPartition nib1 = new TopicPartition("reunification.events.nib", 1);
        TopicPartition bkb0 = new TopicPartition("reunification.events.bkb", 0);

        Map<String, Long> lag = StreamsAppStatus.lag(
                Map.of(nib0, new OffsetAndMetadata(90), bkb0, new OffsetAndMetadata(40)),
                Map.of(nib0, 100L, nib1, 7L, bkb0, 40L));

        assertThat(lag).isEqualTo(Map.of("nib", 17L, "bkb", 0L));
    }

    private static StreamsAppStatus app(String protocol, String state, List<String> members) {
        return new StreamsAppStatus("reunify", protocol, state, members, Map.of(), Duration.ZERO);
    }
}
