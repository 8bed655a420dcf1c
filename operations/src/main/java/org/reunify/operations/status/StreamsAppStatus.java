package org.reunify.operations.status;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.reunify.schemas.AdminCalls;
import org.reunify.schemas.Topics;

/**
 * The streams app as its group shows it: Kafka Streams 4.3 joins a classic consumer group by default (its
 * {@code group.protocol} is {@code classic}; {@code streams}, KIP-1071, if an operator sets it), so both are read.
 *
 * @param protocol    {@code classic}, {@code streams}, or {@code none} when there is no group
 * @param state       the group's state ({@code Stable}, {@code Empty}, …), {@code absent} when there is no group
 * @param members     each member's client id and host
 * @param lagByAgency records on each agency topic past the app's committed offsets
 */
public record StreamsAppStatus(
        String applicationId, String protocol, String state, List<String> members, Map<String, Long> lagByAgency) {

    public StreamsAppStatus {
        members = List.copyOf(members);
        lagByAgency = Collections.unmodifiableSortedMap(new TreeMap<>(lagByAgency));
    }

    /**
     * No instance in the group: it never ran, or every instance stopped or failed (Kafka Streams leaves a group without
     * a word, so an instance counts as a member until its session times out).
     */
    public Optional<String> problem() {
        if (!members.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the streams app '" + applicationId + "' is not running: "
                + (protocol.equals("none")
                        ? "it has no group (it never ran under this --application-id)"
                        : "its group has no members (state " + state + "); start it, or read its log for why it "
                                + "stopped"));
    }

    static StreamsAppStatus read(Admin admin, String applicationId, Map<TopicPartition, Long> agencyEnds) {
        Optional<GroupListing> listing = AdminCalls.await(admin.listGroups().all(), "list the groups").stream()
                .filter(group -> group.groupId().equals(applicationId))
                .findFirst();
        if (listing.isEmpty()) {
            return new StreamsAppStatus(applicationId, "none", "absent", List.of(), lag(Map.of(), agencyEnds));
        }
        if (listing.get().type().equals(Optional.of(GroupType.STREAMS))) {
            StreamsGroupDescription group = AdminCalls.await(
                            admin.describeStreamsGroups(List.of(applicationId)).all(), "describe the streams group")
                    .get(applicationId);
            Map<TopicPartition, OffsetAndMetadata> committed = AdminCalls.await(
                    admin.listStreamsGroupOffsets(Map.of(applicationId, new ListStreamsGroupOffsetsSpec()))
                            .partitionsToOffsetAndMetadata(applicationId),
                    "list the streams app's committed offsets");
            return new StreamsAppStatus(
                    applicationId,
                    "streams",
                    group.groupState().toString(),
                    group.members().stream()
                            .map(member -> member.clientId() + " on " + member.clientHost())
                            .toList(),
                    lag(committed, agencyEnds));
        }
        ConsumerGroupDescription group = AdminCalls.await(
                        admin.describeConsumerGroups(List.of(applicationId)).all(), "describe the streams app's group")
                .get(applicationId);
        Map<TopicPartition, OffsetAndMetadata> committed = AdminCalls.await(
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata(),
                "list the streams app's committed offsets");
        return new StreamsAppStatus(
                applicationId,
                "classic",
                group.groupState().toString(),
                group.members().stream()
                        .map(member -> member.clientId() + " on " + member.host())
                        .toList(),
                lag(committed, agencyEnds));
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
