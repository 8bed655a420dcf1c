package org.reunify.streams.runtime;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.reunify.streams.topology.ReunificationTopology;

/** Wires the topology to a cluster: the configuration every instance of the streams app runs with. */
public final class PipelineStreams {

    /**
     * How long the group waits for a member that stopped without leaving: a stream thread that failed and was
     * replaced (Kafka Streams' consumers do not leave the group on close), or an instance killed. Kafka's 45 s default
     * held a new agency's first records for most of a minute (docs/decisions.md #25).
     */
    static final int SESSION_TIMEOUT_MS = 10_000;
    /**
     * {@code max.message.bytes} of the app's repartition topics and changelogs: room for the largest record written
     * there, a record of the case-events repartition (a key and a value of up to 64 KiB each, with its origin).
     */
    static final int INTERNAL_TOPIC_MAX_MESSAGE_BYTES = 512 * 1024;
    /** The producer's bound on one request: every record the app writes fits, whatever the topic. */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    static final int COMMIT_INTERVAL_MS = 50;

    private PipelineStreams() {}

    public static Topology topology(StreamsSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        ReunificationTopology.build(builder, settings.topology());
        return builder.build(properties(settings));
    }

    public static Properties properties(StreamsSettings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka Streams builds a second config for its partition assignor from the main consumer's settings alone,
        // and warns at every start unless the flag is among them too.
        props.put(
                StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        // Unprefixed, so that a --command-config setting of either, prefixed or not, still wins.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, SESSION_TIMEOUT_MS / 3);
        // The counting rules do not depend on the order in which agency partitions are read (docs/DESIGN.md), so a task
        // need not wait until every one of its partitions has data. Waiting only delays the count, and Kafka Streams
        // 4.3 formats its trace message about it for every record, whatever the log level (a fifth of the CPU).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // An event reaches the totals through two transactions, each visible only when it commits: half of
        // exactly_once_v2's 100 ms default took the benchmark's p99 from 478 to 359 ms with no loss of throughput
        // (30 ms lost both). docs/decisions.md #21.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.putAll(settings.clientOverrides());
        // What the rules' correctness rests on, whatever a --command-config says: a record read again after a crash
        // must find the state it left (exactly once), and every record the app writes must fit where it goes.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), INTERNAL_TOPIC_MAX_MESSAGE_BYTES);
        return props;
    }

    /**
     * A streams client whose record failures are told to {@code failures}, so that a failure that repeats on a record
     * stops the client (state {@code ERROR}) with {@link FailurePolicy#stopReason()} naming it; the caller makes the
     * policy the client's uncaught exception handler too.
     */
    static KafkaStreams create(StreamsSettings settings, FailurePolicy failures) {
        Properties props = properties(settings);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, RecordFailures.InDeserialization.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RecordFailures.InProcessing.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RecordFailures.InProduction.class);
        props.put(RecordFailures.POLICY_CONFIG, failures);
        return new KafkaStreams(topology(settings), props);
    }
}
