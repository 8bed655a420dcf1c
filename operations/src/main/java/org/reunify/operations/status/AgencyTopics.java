package org.reunify.operations.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.reunify.schemas.AdminCalls;
import org.reunify.schemas.TopicProvisioner;
import org.reunify.schemas.Topics;

/**
 * Every agency topic's partitions as they stand: the end of each, and the activity of each agency.
 *
 * @param ends the next offset each partition will get, for the streams app's lag
 */
public record AgencyTopics(Map<TopicPartition, Long> ends, List<AgencyActivity> activity) {

    public static AgencyTopics read(Admin admin) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> newest = new HashMap<>();
        Map<String, Integer> agencies = new TopicProvisioner(admin).agencyPartitions();
        agencies.forEach((agency, partitions) -> {
            for (int partition = 0; partition < partitions; partition++) {
                TopicPartition topicPartition = new TopicPartition(Topics.eventsTopic(agency), partition);
                latest.put(topicPartition, OffsetSpec.latest());
                newest.put(topicPartition, OffsetSpec.maxTimestamp());
            }
        });
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                AdminCalls.await(admin.listOffsets(latest).all(), "list the agency topics' ends");
        // Under LogAppendTime the greatest timestamp of a partition is that of the record appended last.
        Map<TopicPartition, ListOffsetsResultInfo> lastAppended =
                AdminCalls.await(admin.listOffsets(newest).all(), "find the agency topics' latest events");
        List<AgencyActivity> activity = new ArrayList<>();
        agencies.forEach((agency, partitions) -> activity.add(new AgencyActivity(
                agency,
                partitions,
                lastAppended.entrySet().stream()
                        .filter(last -> last.getKey().topic().equals(Topics.eventsTopic(agency)))
                        .mapToLong(last -> last.getValue().timestamp())
                        .filter(timestamp -> timestamp >= 0)
                        .max()
                        .stream()
                        .mapToObj(Instant::ofEpochMilli)
                        .findFirst())));
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        ends.forEach((partition, info) -> endOffsets.put(partition, info.offset()));
        return new AgencyTopics(Map.copyOf(endOffsets), List.copyOf(activity));
    }
}
