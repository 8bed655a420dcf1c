package org.reunify.producers;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;

/** The producer every agency-side program publishes events with. */
public final class EventProducers {

    private EventProducers() {}

    /**
     * Idempotent, {@code acks=all}: a retried send can neither be lost nor appended twice, and the events of a case
     * keep their order within its partition. One request in flight per broker: with more, a first request to a
     * partition the broker has only just created can fail and be overtaken by the next, after which the broker refuses
     * the first as out of sequence until it expires, unsent (KAFKA-15591, fixed in brokers after 4.3.1). Agency topics
     * are new when an agency starts, and grow partitions.
     *
     * @param clientConfig bootstrap servers and any security settings
     */
    public static KafkaProducer<String, ReunificationEvent> create(Map<String, Object> clientConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(config, Topics.EVENT_KEYS.serializer(), Topics.EVENT_VALUES.serializer());
    }
}
