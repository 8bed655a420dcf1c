package org.reunify.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthTest {

    private final Health health = new Health();

    @Test
    void everyCheckUpAnswers200NamingEachCheck() {
        health.live("streams", () -> null);
        health.ready("cluster", () -> null);

        assertThat(health.ready())
                .isEqualTo(new Health.Answer(
                        200, "{\"status\":\"UP\",\"checks\":{\"cluster\":\"UP\",\"streams\":\"UP\"}}"));
    }

    @Test
    void aFailedReadinessCheckAnswers503WithItsProblemAndLeavesLivenessAlone() {
        health.live("streams", () -> null);
        health.ready("cluster", () -> "the cluster did not answer within 2 s");

        assertThat(health.ready().status()).isEqualTo(503);
        assertThat(health.ready().json()).contains("\"cluster\":\"the cluster did not answer within 2 s\"");
        assertThat(health.live().status()).isEqualTo(200);
    }

    @Test
    void notLiveIsNotReadyEither() {
        health.live("streams", () -> "the streams app is ERROR");

        assertThat(health.live().status()).isEqualTo(503);
        assertThat(health.ready().status()).isEqualTo(503);
    }

    @Test
    void aCheckThatThrowsIsAFailedCheck() {
        health.ready("sink", () -> {
            throw new IllegalStateException("boom");
        });

        assertThat(health.ready().status()).isEqualTo(503);
        assertThat(health.ready().json()).contains("the check failed: java.lang.IllegalStateException: boom");
    }
}
