package org.reunify.operations.status;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.reunify.schemas.AdminCalls;
import org.reunify.schemas.Topics;
import org.reunify.schemas.Waits;

/**
 * The streams app as its group shows it: Kafka Streams 4.3 joins a classic consumer group by default (its
 * {@code group.protocol} is {@code classic}; {@code streams}, KIP-1071, if an operator sets it), so both are read.
 *
 * @param protocol    {@code classic}, {@code streams}, or {@code none} when there is no group
 * @param state       the group's state ({@code Stable}, {@code Empty}, …), {@code absent} when there is no group
 * @param members     each member's client id and host
 * @param lagByAgency records on each agency topic past the app's committed offsets
 * @param unsettled   how long status saw the group rebalancing without settling, read after read; zero when it
 *                    settled (or never rebalanced) while status looked
 */
public record StreamsAppStatus(
        String applicationId,
        String protocol,
        String state,
        List<String> members,
        Map<String, Long> lagByAgency,
        Duration unsettled) {

    /**
     * How long status watches a rebalancing group before it reports it: a rebalance of a healthy app (an instance
     * joining, an agency taken on) is over well within this.
     */
    static final Duration REBALANCE_PATIENCE = Duration.ofSeconds(10);

    private static final Set<GroupState> SETTLED = Set.of(GroupState.STABLE, GroupState.EMPTY, GroupState.DEAD);

    public StreamsAppStatus {
        members = List.copyOf(members);
        lagByAgency = Collections.unmodifiableSortedMap(new TreeMap<>(lagByAgency));
    }

    /**
     * No instance in the group: it never ran, or every instance stopped or failed (Kafka Streams leaves a group without
     * a word, so an instance counts as a member until its session times out); or a group that does not settle.
     */
    public Optional<String> problem() {
        if (members.isEmpty()) {
            return Optional.of("the streams app '" + applicationId + "' is not running: "
                    + (protocol.equals("none")
                            ? "it has no group (it never ran under this --application-id)"
                            : "its group has no members (state " + state + "); start it, or read its log for why it "
                                    + "stopped"));
        }
        if (!unsettled.isZero()) {
            return Optional.of("the streams app '" + applicationId + "' is not counting: its group stayed "
                    + state + " for the " + unsettled.toSeconds() + " s status watched it; each instance's "
                    + "/health/ready and log name the state it is stuck in");
        }
        return Optional.empty();
    }

    /** Reads the group, and reads it again for a while if it is rebalancing, to tell a passing rebalance from none. */
    static StreamsAppStatus read(Admin admin, String applicationId, Map<TopicPartition, Long> agencyEnds) {
        long start = System.nanoTime();
        AtomicReference<Group> latest = new AtomicReference<>();
        boolean settled = Waits.within(
                REBALANCE_PATIENCE,
                Duration.ofSeconds(1),
                () -> latest.updateAndGet(before -> Group.read(admin, applicationId))
                        .settled(),
                "the streams app's group to settle");
        Group group = latest.get();
        Duration unsettled = settled ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
        return new StreamsAppStatus(
                applicationId,
                group.protocol(),
                group.state(),
                group.members(),
                lag(group.committed(), agencyEnds),
                unsettled);
    }

    /** One reading of the app's group. */
    private record Group(
            String protocol,
            String state,
            boolean settled,
            List<String> members,
            Map<TopicPartition, OffsetAndMetadata> committed) {

        static Group read(Admin admin, String applicationId) {
            Optional<GroupListing> listing = AdminCalls.await(admin.listGroups().all(), "list the groups").stream()
                    .filter(group -> group.groupId().equals(applicationId))
                    .findFirst();
            if (listing.isEmpty()) {
                return new Group("none", "absent", true, List.of(), Map.of());
            }
            if (listing.get().type().equals(Optional.of(GroupType.STREAMS))) {
                StreamsGroupDescription group = AdminCalls.await(
                                admin.describeStreamsGroups(List.of(applicationId))
                                        .all(),
                                "describe the streams group")
                        .get(applicationId);
                return new Group(
                        "streams",
                        group.groupState().toString(),
                        SETTLED.contains(group.groupState()),
                        group.members().stream()
                                .map(member -> member.clientId() + " on " + member.clientHost())
                                .toList(),
                        AdminCalls.await(
                                admin.listStreamsGroupOffsets(Map.of(applicationId, new ListStreamsGroupOffsetsSpec()))
                                        .partitionsToOffsetAndMetadata(applicationId),
                                "list the streams app's committed offsets"));
            }
            ConsumerGroupDescription group = AdminCalls.await(
                            admin.describeConsumerGroups(List.of(applicationId)).all(),
                            "describe the streams app's group")
                    .get(applicationId);
            return new Group(
                    "classic",
                    group.groupState().toString(),
                    SETTLED.contains(group.groupState()),
                    group.members().stream()
                            .map(member -> member.clientId() + " on " + member.host())
                            .toList(),
                    AdminCalls.await(
                            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata(),
                            "list the streams app's committed offsets"));
        }
    }

    /** A partition without a committed offset is read from its start, so all of it is lag. */
    static SortedMap<String, Long> lag(
            Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> agencyEnds) {
        SortedMap<String, Long> lag = new TreeMap<>();
        agencyEnds.forEach((partition, end) -> {
            OffsetAndMetadata offset = committed.get(partition);
            long behind = Math.max(0, end - (offset == null ? 0 : offset.offset()));
            lag.merge(Topics.agencyOf(partition.topic()).orElseThrow(), behind, Long::sum);
        });
        return lag;
    }
}
