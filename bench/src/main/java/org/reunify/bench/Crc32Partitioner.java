package org.reunify.bench;

import java.util.Map;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * librdkafka's default for keyed records (its {@code consistent_random} partitioner): the CRC32 of the key, modulo
 * the partition count. Agencies on Python, .NET or Go clients publish this way; most of their records then lie on
 * another partition than the Java default would choose, which is the path the stream and the replay must carry to the
 * case's partition.
 */
public final class Crc32Partitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        CRC32 crc = new CRC32();
        crc.update(keyBytes);
        return (int) (crc.getValue() % cluster.partitionCountForTopic(topic));
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
