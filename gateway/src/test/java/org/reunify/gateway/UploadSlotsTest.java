package org.reunify.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadSlotsTest {

    private static final long MINUTE = 60_000_000_000L;
    private final UploadSlots slots =
            new UploadSlots(new GatewayLimits(1 << 20, 1_000, 10, 2, 3, 1, Duration.ofSeconds(10), Duration.ZERO));

    @Test
    void anAgencyUploadsOneAtATimeAnd429SaysWhenToComeBack() {
        assertThat(slots.take("nib", 0)).isEmpty();

        UploadSlots.Busy busy = slots.take("nib", 1).orElseThrow();

        assertThat(busy.status()).isEqualTo(429);
        assertThat(busy.retryAfterSeconds()).isPositive();
        slots.release("nib");
        assertThat(slots.take("nib", 2)).isEmpty();
    }

    @Test
    void beyondItsUploadsOfTheMinuteAnAgencyWaitsForTheNextMinute() {
        for (int i = 0; i < 3; i++) {
            assertThat(slots.take("nib", i)).isEmpty();
            slots.release("nib");
        }

        UploadSlots.Busy busy = slots.take("nib", 10).orElseThrow();

        assertThat(busy.status()).isEqualTo(429);
        assertThat(busy.retryAfterSeconds()).isBetween(59L, 61L);
        assertThat(slots.take("nib", MINUTE + 1)).isEmpty();
    }

    @Test
    void theGatewayTakesSoManyUploadsAtOnceAndThen503() {
        assertThat(slots.take("nib", 0)).isEmpty();
        assertThat(slots.take("police", 0)).isEmpty();

        assertThat(slots.take("yale", 0).orElseThrow().status()).isEqualTo(503);
    }
}
