package org.reunify.operations.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.reunify.schemas.AdminCalls;
import org.reunify.schemas.Topics;
import org.reunify.streams.runtime.TopicGuard;
import org.reunify.streams.topology.ReunificationTopology;

/**
 * The pipeline's topics and whether their configs are safe, by the checks the streams app makes before it starts.
 *
 * @param problems the problems of the agency topics together, which no one topic holds
 */
public record TopicsCheck(List<TopicStatus> topics, List<String> problems) {

    /**
     * The cases are spread over as many partitions as the app's repartition by case id has; before the app ever ran,
     * over the number a default {@code reunify streams} would use.
     */
    static TopicsCheck read(Admin admin, String applicationId) {
        String caseEvents =
                ReunificationTopology.repartitionTopics(applicationId).get(0);
        Set<String> existing = AdminCalls.await(admin.listTopics().names(), "list the topics");
        int casePartitions = existing.contains(caseEvents)
                ? describe(admin, Set.of(caseEvents))
                        .get(caseEvents)
                        .partitions()
                        .size()
                : Topics.DEFAULT_PARTITIONS;
        TopicGuard.Review review = TopicGuard.review(admin, applicationId, casePartitions);

        Set<String> named = new TreeSet<>(review.checked());
        review.findings().forEach(finding -> finding.topic().ifPresent(named::add));
        named.retainAll(existing);
        Map<String, TopicDescription> descriptions = describe(admin, named);
        List<TopicStatus> topics = new ArrayList<>();
        review.findings()
                .forEach(finding -> finding.topic()
                        .filter(name -> !existing.contains(name))
                        .ifPresent(missing -> topics.add(new TopicStatus(missing, 0, 0, List.of(finding.problem())))));
        named.forEach(name -> {
            TopicDescription description = descriptions.get(name);
            topics.add(new TopicStatus(
                    name,
                    description.partitions().size(),
                    description.partitions().get(0).replicas().size(),
                    review.findings().stream()
                            .filter(finding -> finding.topic().equals(Optional.of(name)))
                            .map(TopicGuard.Finding::problem)
                            .toList()));
        });
        List<String> together = review.findings().stream()
                .filter(finding -> finding.topic().isEmpty())
                .map(TopicGuard.Finding::problem)
                .toList();
        return new TopicsCheck(List.copyOf(topics), together);
    }

    private static Map<String, TopicDescription> describe(Admin admin, Set<String> topics) {
        return AdminCalls.await(admin.describeTopics(topics).allTopicNames(), "describe the topics");
    }
}
