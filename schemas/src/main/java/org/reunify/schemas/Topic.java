package org.reunify.schemas;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A topic of docs/DESIGN.md: its name, how its keys and values are written, and the configs it must have. Whatever
 * reads or writes a topic takes all four from here (the model is Confluent's kafka-streams-examples
 * {@code Topic<K, V>}).
 *
 * @param configs what the topic is created with and checked against
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

    public Topic {
        Objects.requireNonNull(name, "name");
        configs = Map.copyOf(configs);
    }

    public Serializer<K> keySerializer() {
        return keySerde.serializer();
    }

    public Serializer<V> valueSerializer() {
        return valueSerde.serializer();
    }

    public Deserializer<K> keyDeserializer() {
        return keySerde.deserializer();
    }

    public Deserializer<V> valueDeserializer() {
        return valueSerde.deserializer();
    }

    /** A record to send to this topic. */
    public ProducerRecord<K, V> record(K key, V value) {
        return new ProducerRecord<>(name, key, value);
    }

    /** The value of a record read from this topic as bytes. */
    public V value(ConsumerRecord<?, byte[]> record) {
        return valueDeserializer().deserialize(name, record.headers(), record.value());
    }
}
