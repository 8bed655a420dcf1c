package org.reunify.streams.runtime;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The exception handlers Kafka Streams consults when reading a record, processing it, or writing what it produced
 * fails: each lets the thread fail, for skipping the record could bend the count, and each tells the app's {@link
 * FailurePolicy} which record it was, so that a failure that repeats on it stops the app with its name.
 */
public final class RecordFailures {

    /** The config entry through which the handlers, which Kafka Streams makes itself, reach the app's policy. */
    static final String POLICY_CONFIG = "reunify.failure.policy";

    private RecordFailures() {}

    /** For {@code deserialization.exception.handler}: the app's own topics hold only what it wrote. */
    public static final class InDeserialization implements DeserializationExceptionHandler {

        private FailurePolicy policy;

        @Override
        public void configure(Map<String, ?> configs) {
            policy = policyIn(configs);
        }

        @Override
        public Response handleError(
                ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            policy.failedOn(context.taskId(), RecordNames.deserialization(record), exception);
            return Response.fail();
        }
    }

    /** For {@code processing.exception.handler}. */
    public static final class InProcessing implements ProcessingExceptionHandler {

        private FailurePolicy policy;

        @Override
        public void configure(Map<String, ?> configs) {
            policy = policyIn(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            policy.failedOn(context.taskId(), RecordNames.processing(context, record), exception);
            return Response.fail();
        }
    }

    /** For {@code production.exception.handler}. */
    public static final class InProduction implements ProductionExceptionHandler {

        private FailurePolicy policy;

        @Override
        public void configure(Map<String, ?> configs) {
            policy = policyIn(configs);
        }

        @Override
        public Response handleError(
                ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
            if (exception instanceof RetriableException) {
                // As Kafka Streams' default handler: the producer tries again, and the transaction fails only if it
                // times out.
                return Response.retry();
            }
            policy.failedOn(context.taskId(), RecordNames.production(context, record), exception);
            return Response.fail();
        }

        @Override
        public Response handleSerializationError(
                ErrorHandlerContext context,
                ProducerRecord record,
                Exception exception,
                SerializationExceptionOrigin origin) {
            policy.failedOn(context.taskId(), RecordNames.processing(context, null), exception);
            return Response.fail();
        }
    }

    private static FailurePolicy policyIn(Map<String, ?> configs) {
        Object policy = configs.get(POLICY_CONFIG);
        if (!(policy instanceof FailurePolicy failurePolicy)) {
            throw new IllegalStateException(POLICY_CONFIG + " must hold the app's FailurePolicy");
        }
        return failurePolicy;
    }
}
