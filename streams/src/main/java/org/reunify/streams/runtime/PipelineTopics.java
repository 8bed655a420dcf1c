package org.reunify.streams.runtime;

import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.schemas.TopicProvisioner;
import org.reunify.schemas.Topics;

/** The topics the pipeline writes to, created with docs/DESIGN.md's configs before the streams app starts. */
public final class PipelineTopics {

    private PipelineTopics() {}

    /**
     * @param replication empty for the broker's default
     */
    public static void ensure(Admin admin, int partitions, Optional<Short> replication) {
        TopicProvisioner topics = new TopicProvisioner(admin);
        Topics.PUBLISHED.forEach(topic -> topics.ensure(topic, partitions, replication));
        topics.ensure(Topics.REJECTED, partitions, replication);
    }
}
