package org.reunify.producers;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.schemas.Topic;
import org.reunify.schemas.TopicProvisioner;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;

/** {@code reunify agency add}: gives an agency its events topic, configured as docs/DESIGN.md requires. */
public final class AgencyProvisioning {

    private final TopicProvisioner topics;

    public AgencyProvisioning(Admin admin) {
        this.topics = new TopicProvisioner(admin);
    }

    /**
     * Creates {@code reunification.events.<agency>} unless it exists. Every agency topic gets the partition count
     * the existing ones have, so that a case's events sit at the same partition number in every topic.
     *
     * @param partitions the count for the first agency; for later ones it must match, or be left empty
     */
    public Outcome add(String agency, OptionalInt partitions, Optional<Short> replication) {
        Topic<String, ReunificationEvent> topic = Topics.events(agency);
        Map<String, Integer> existing = topics.agencyPartitions();
        if (existing.containsKey(agency)) {
            return new Outcome(topic.name(), existing.get(agency), false);
        }
        int count = existing.values().stream()
                .findFirst()
                .map(established -> {
                    if (partitions.isPresent() && partitions.getAsInt() != established) {
                        throw new IllegalArgumentException(
                                "every agency topic must have the same partition count: the existing ones have "
                                        + established + ", not " + partitions.getAsInt());
                    }
                    return established;
                })
                .orElse(partitions.orElse(Topics.DEFAULT_PARTITIONS));
        boolean created = topics.ensure(topic, count, replication);
        return new Outcome(topic.name(), count, created);
    }

    /** @param created false when the agency already had its topic */
    public record Outcome(String topic, int partitions, boolean created) {}
}
