package org.reunify.streams;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the topology to a cluster: the configuration every instance of the streams app runs with. */
public final class PipelineStreams {

    /**
     * Agency topics are read by pattern; the consumer sees a newly provisioned agency when it next refreshes
     * its metadata, so this bounds how long a new agency waits to be counted.
     */
    static final int NEW_AGENCY_DISCOVERY_MS = 5_000;
    /** Room for the largest record a broker accepts plus the headers a refusal adds. */
    static final int MAX_RECORD_BYTES = 2 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PipelineStreams.class);

    private PipelineStreams() {
    }

    public static Topology topology(StreamsSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        ReunificationTopology.build(builder, settings.topology());
        return builder.build(properties(settings));
    }

    public static Properties properties(StreamsSettings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka Streams builds a second config for its partition assignor from the main consumer's settings alone,
        // and warns at every start unless the flag is among them too.
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), NEW_AGENCY_DISCOVERY_MS);
        // The counting rules do not depend on the order in which agency partitions are read (DESIGN.md), so a task
        // need not wait until every one of its partitions has data. Waiting only delays the count, and Kafka Streams
        // 4.3 formats its trace message about it for every record, whatever the log level (a fifth of the CPU).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_RECORD_BYTES);
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), MAX_RECORD_BYTES);
        props.putAll(settings.clientOverrides());
        return props;
    }

    /** A streams client that survives failures of its threads: each is replaced and resumes from its last commit. */
    public static KafkaStreams create(StreamsSettings settings) {
        KafkaStreams streams = new KafkaStreams(topology(settings), properties(settings));
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("a stream thread failed; replacing it, it resumes from the last committed transaction", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return streams;
    }
}
