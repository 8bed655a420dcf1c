package org.reunify.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** DESIGN.md "Limits": a failure that repeats on the same record never loops silently. */
class FailurePolicyTest {

    private final FailurePolicy policy = new FailurePolicy();

    @Test
    void aFirstFailureIsMetWithANewThread() {
        policy.failedOn(at("reunification.events.nib", 2, 17), new IllegalStateException("boom"));

        assertThat(policy.handle(new StreamsException("boom"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.stopReason()).isEmpty();
    }

    @Test
    void theSameRecordFailingAgainStopsTheAppNamingIt() {
        policy.failedOn(at("reunification.events.nib", 2, 17), new IllegalStateException("boom"));
        policy.handle(new StreamsException("boom"));
        policy.failedOn(at("reunification.events.nib", 2, 17), new IllegalStateException("boom"));

        assertThat(policy.handle(new StreamsException("boom", new IllegalStateException("the cause"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.stopReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("processing failed twice on reunification.events.nib partition 2 offset 17").contains("the cause"));
    }

    @Test
    void aRecordOfTheCaseEventsTopicIsNamedWhereItCameFrom() {
        byte[] received = new Received("reunification.events.rchr", 1, 99, 5, new byte[] {1}).toBytes();
        for (int attempt = 0; attempt < 2; attempt++) {
            policy.failedOn(new Context("reunify-case-events-repartition", 3, 4_000, received), new IllegalStateException("boom"));
            policy.handle(new StreamsException("boom"));
        }

        assertThat(policy.stopReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("reunification.events.rchr partition 1 offset 99 (read as reunify-case-events-repartition partition 3 offset 4000)"));
    }

    @Test
    void differentRecordsFailingOneAfterAnotherAreRetriedUntilTheyAreTooMany() {
        for (int offset = 0; offset < FailurePolicy.MAX_FAILURES; offset++) {
            policy.failedOn(at("reunification.events.nib", 0, offset), new IllegalStateException("boom"));
            assertThat(policy.handle(new StreamsException("boom"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        policy.failedOn(at("reunification.events.nib", 0, 99), new IllegalStateException("boom"));

        assertThat(policy.handle(new StreamsException("boom"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.stopReason()).hasValueSatisfying(reason -> assertThat(reason).contains("stream thread failures within 10 minutes"));
    }

    @Test
    void theJvmRunningOutOfMemoryStopsTheAppAtOnce() {
        assertThat(policy.handle(new StreamsException(new OutOfMemoryError("Java heap space"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.stopReason()).hasValueSatisfying(reason -> assertThat(reason).contains("the JVM failed").contains("Java heap space"));
    }

    private static Context at(String topic, int partition, long offset) {
        return new Context(topic, partition, offset, null);
    }

    private record Context(String topic, int partition, long offset, byte[] sourceRawValue) implements ErrorHandlerContext {

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "fold-case";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(1, partition);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return null;
        }
    }
}
