package org.reunify.streams.topology;

import java.util.Map;

/**
 * Where the original bytes of a record the rules may still refuse late are read back from, when they do. The case
 * state keeps where each such record lies (its partition and offset; its topic is its agency's), not its bytes: the
 * agency topics keep every record forever (docs/decisions.md #41).
 */
public interface HeldRecords extends AutoCloseable {

    /**
     * The value of the record at {@code offset} of {@code partition} of {@code topic}: exactly the bytes the topology
     * was given. Only the value: {@code reunification.rejected} takes the key of the record that refuses it, which is
     * the same case id, and never an agency's own headers.
     *
     * @throws IllegalStateException naming the topic, partition and offset when the record cannot be read
     */
    byte[] valueAt(String topic, int partition, long offset);

    @Override
    default void close() {}

    /** Opens a reader for one task of the topology, which closes it when the task closes. */
    @FunctionalInterface
    interface Source {

        /** The records on the cluster the streams app reads, with its own connection and security settings. */
        Source AGENCY_TOPICS = AgencyTopicReader::new;

        /**
         * @param appConfigs the streams app's configuration, as its tasks see it
         * @param clientId   a name for the task's reader, unique among the app's clients
         */
        HeldRecords open(Map<String, Object> appConfigs, String clientId);
    }
}
