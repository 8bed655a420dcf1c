package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {

    @Test
    void aConditionThatComesTrueEndsTheWait() {
        AtomicInteger tests = new AtomicInteger();

        Waits.until(Duration.ofSeconds(10), () -> tests.incrementAndGet() == 3, "the third test");

        assertThat(tests).hasValue(3);
    }

    @Test
    void aConditionThatNeverHoldsGivesUpSayingWhatItWaitedFor() {
        assertThatThrownBy(
                        () -> Waits.until(Duration.ofMillis(120), () -> false, "the leaders of reunification.totals"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gave up waiting for the leaders of reunification.totals after 120 ms");
    }

    @Test
    void withinSaysWhetherItHeldInsteadOfThrowing() {
        assertThat(Waits.within(Duration.ofMillis(50), Duration.ZERO, () -> false, "nothing"))
                .isFalse();
        assertThat(Waits.within(Duration.ofMillis(50), Duration.ZERO, () -> true, "something"))
                .isTrue();
    }

    @Test
    void anInterruptedWaitStopsAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Waits.until(Duration.ofSeconds(10), () -> false, "a login"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("interrupted while waiting for a login");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
