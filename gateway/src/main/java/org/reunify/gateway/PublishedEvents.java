package org.reunify.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.reunify.schemas.ReadCommitted;
import org.reunify.schemas.Topics;
import org.reunify.schemas.Waits;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.ContentDigest;

/**
 * What each agency has published already, so that a receipt can say which lines were "already published" and refuse
 * the ones that reuse an event's id with other content ({@code CONFLICTING_DUPLICATE}, as rule 1 would): per agency,
 * the content digest the rules use, under a 64-bit hash of the case and event id (about 100 bytes an event). An
 * agency's topic is read once, at its first upload, and then only what was appended since, before each upload.
 */
final class PublishedEvents {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    /** What the history makes of an event. */
    enum Verdict {
        NEW,
        ALREADY_PUBLISHED,
        CONFLICTING
    }

    private final Map<String, Object> consumerConfig;
    private final Map<String, History> histories = new ConcurrentHashMap<>();

    PublishedEvents(Map<String, Object> clientConfig) {
        Map<String, Object> config = ReadCommitted.consumerConfig(clientConfig, "reunify-gateway-history");
        this.consumerConfig = Map.copyOf(config);
    }

    /**
     * The agency's history up to now, read to the end of its topic.
     *
     * @return empty when the agency has no topic
     */
    Optional<History> of(String agency) {
        History history = histories.computeIfAbsent(agency, History::new);
        synchronized (history) {
            return history.catchUp(consumerConfig) ? Optional.of(history) : Optional.empty();
        }
    }

    /** What an upload's events are, given the history and the upload's earlier lines. */
    static final class Check {

        private final History history;
        private final Map<Long, ContentDigest> earlierLines = new HashMap<>();

        private Check(History history) {
            this.history = history;
        }

        Verdict verdict(CaseEvent event) {
            long key = History.key(event);
            ContentDigest digest = event.digest();
            ContentDigest earlier = history.published(key);
            if (earlier == null) {
                earlier = earlierLines.putIfAbsent(key, digest);
            }
            if (earlier == null) {
                return Verdict.NEW;
            }
            return earlier.equals(digest) ? Verdict.ALREADY_PUBLISHED : Verdict.CONFLICTING;
        }
    }

    /** One agency's published events, by case and event id. */
    static final class History {

        private final String topic;
        private final Map<Long, ContentDigest> digests = new HashMap<>();
        private final Map<TopicPartition, Long> positions = new HashMap<>();

        History(String agency) {
            this.topic = Topics.eventsTopic(agency);
        }

        /** A check of one upload's events against this history and against each other, in the upload's order. */
        Check check() {
            return new Check(this);
        }

        private synchronized ContentDigest published(long key) {
            return digests.get(key);
        }

        /** Takes the event as published: the first copy of an id stands, as in rule 1. */
        synchronized void add(CaseEvent event) {
            digests.putIfAbsent(key(event), event.digest());
        }

        private boolean catchUp(Map<String, Object> config) {
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (partitions == null || partitions.isEmpty()) {
                    return false;
                }
                List<TopicPartition> assigned = partitions.stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
                consumer.assign(assigned);
                Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
                for (TopicPartition partition : assigned) {
                    Long position = positions.get(partition);
                    if (position == null) {
                        consumer.seekToBeginning(List.of(partition));
                    } else {
                        consumer.seek(partition, position);
                    }
                }
                Waits.until(
                        CATCH_UP,
                        Duration.ZERO,
                        () -> {
                            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                                read(record.value());
                            }
                            assigned.forEach(partition -> positions.put(partition, consumer.position(partition)));
                            return assigned.stream()
                                    .allMatch(partition -> positions.get(partition) >= ends.get(partition));
                        },
                        "the end of " + topic);
                return true;
            }
        }

        /** A record the stream would refuse as undecodable is no event of the agency's: nothing to remember. */
        private void read(byte[] value) {
            ReunificationEvent event;
            try {
                event = Topics.EVENT_VALUES.deserializer().deserialize(topic, value);
            } catch (RuntimeException e) {
                return;
            }
            if (event != null) {
                add(CaseEvent.of(event));
            }
        }

        private static long key(CaseEvent event) {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
            sha.update(event.caseId().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(event.ref().eventId().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        }
    }
}
