package org.reunify.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** docs/DESIGN.md "Limits": a failure that repeats on the same record never loops silently. */
class FailurePolicyTest {

    private static final TaskId FOLD_0 = new TaskId(1, 0);
    private static final TaskId FOLD_1 = new TaskId(1, 1);
    private static final TaskId TALLY_0 = new TaskId(2, 0);
    private static final String TALLY_6 = "reunify-tally-changes-repartition partition 0 offset 6";
    private static final String NIB_17 = "reunification.events.nib partition 2 offset 17";

    private final FailurePolicy policy = new FailurePolicy();

    @Test
    void aFirstFailureIsMetWithANewThread() {
        policy.failedOn(FOLD_0, NIB_17, new IllegalStateException("boom"));

        assertThat(policy.handle(failure(FOLD_0))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.stopReason()).isEmpty();
    }

    @Test
    void theSameRecordFailingAgainStopsTheAppNamingIt() {
        policy.failedOn(FOLD_0, NIB_17, new IllegalStateException("boom"));
        policy.handle(failure(FOLD_0));
        policy.failedOn(FOLD_0, NIB_17, new IllegalStateException("boom"));

        assertThat(policy.handle(new StreamsException("boom", new IllegalStateException("the cause"), FOLD_0)))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.stopReason())
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("processing failed twice on " + NIB_17)
                        .contains("the cause"));
    }

    @Test
    void theRecordATaskFirstFailedOnStandsAgainstTheOnesItsErrorResurfacesOn() {
        policy.failedOn(FOLD_0, NIB_17, new IllegalStateException("the broker refused the write"));
        policy.failedOn(
                FOLD_0,
                "reunification.events.nib partition 2 offset 18",
                new IllegalStateException("the same error, again"));
        policy.handle(failure(FOLD_0));
        policy.failedOn(FOLD_0, NIB_17, new IllegalStateException("boom"));

        assertThat(policy.handle(failure(FOLD_0))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.stopReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains(NIB_17));
    }

    @Test
    void theRecordARefusedWriteFailedOnStandsAgainstTheRecordsOfOtherTasksItsErrorResurfacesIn() {
        RecordTooLargeException refused = new RecordTooLargeException("the broker refused the write");
        policy.failedOn(FOLD_0, NIB_17, refused);
        policy.failedOn(TALLY_0, TALLY_6, resurfacing(refused));
        policy.handle(new StreamsException("process failed", resurfacing(refused), TALLY_0));
        RecordTooLargeException again = new RecordTooLargeException("the broker refused the write");
        policy.failedOn(FOLD_0, NIB_17, again);
        policy.failedOn(TALLY_0, TALLY_6, resurfacing(again));

        assertThat(policy.handle(new StreamsException("process failed", resurfacing(again), TALLY_0)))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.stopReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("processing failed twice on " + NIB_17));
    }

    @Test
    void eachTaskKeepsTheRecordItFailedOn() {
        policy.failedOn(FOLD_0, "reunification.events.nib partition 0 offset 1", new IllegalStateException("boom"));
        policy.failedOn(FOLD_1, NIB_17, new IllegalStateException("boom"));
        policy.handle(failure(FOLD_1));
        policy.failedOn(FOLD_1, NIB_17, new IllegalStateException("boom"));

        assertThat(policy.handle(failure(FOLD_1))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.stopReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains(NIB_17));
    }

    @Test
    void failuresNamingNoRecordAreNeverTakenForTheSameRecord() {
        assertThat(policy.handle(new StreamsException("a commit timed out")))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.handle(new StreamsException("a commit timed out")))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.stopReason()).isEmpty();
    }

    @Test
    void differentRecordsFailingOneAfterAnotherAreRetriedUntilTheyAreTooMany() {
        for (int offset = 0; offset < FailurePolicy.MAX_FAILURES; offset++) {
            policy.failedOn(
                    FOLD_0, "reunification.events.nib partition 0 offset " + offset, new IllegalStateException("boom"));
            assertThat(policy.handle(failure(FOLD_0))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        policy.failedOn(FOLD_0, "reunification.events.nib partition 0 offset 99", new IllegalStateException("boom"));

        assertThat(policy.handle(failure(FOLD_0))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.stopReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("stream thread failures within 10 minutes"));
    }

    @Test
    void theJvmRunningOutOfMemoryStopsTheAppAtOnce() {
        assertThat(policy.handle(new StreamsException(new OutOfMemoryError("Java heap space"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.stopReason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("the JVM failed").contains("Java heap space"));
    }

    /** What a later send of a thread whose producer failed throws: the producer's first error as its cause. */
    private static KafkaException resurfacing(RuntimeException first) {
        return new KafkaException("cannot send: a previous transactional request failed", first);
    }

    private static StreamsException failure(TaskId task) {
        return new StreamsException("boom", new IllegalStateException("boom"), task);
    }
}
