package org.reunify.app.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.Position;

/** Events published as an agency's client publishes them, returned as the rules see them: where each was appended. */
public final class Appended {

    private Appended() {}

    /** A producer as reunify's own: one request in flight, for the partitions are new (KAFKA-15591, EventProducers). */
    public static KafkaProducer<byte[], byte[]> producer(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Publishes each event on its agency's topic, keyed by its case, with the producer chosen for it. */
    public static List<CaseRecord> publish(
            List<ReunificationEvent> events, Function<ReunificationEvent, KafkaProducer<byte[], byte[]>> producerOf)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ReunificationEvent event : events) {
            sent.add(producerOf
                    .apply(event)
                    .send(new ProducerRecord<>(
                            Topics.eventsTopic(event.getAgency()),
                            event.getCaseId().getBytes(StandardCharsets.UTF_8),
                            EventCodec.encode(event))));
        }
        List<CaseRecord> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            RecordMetadata where = sent.get(i).get();
            records.add(new CaseRecord(
                    CaseEvent.of(events.get(i)), new Position(where.timestamp(), where.partition(), where.offset())));
        }
        return records;
    }
}
