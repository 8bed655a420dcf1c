package org.reunify.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the streams app makes a new client for the agency topics it reads, and what the new one reads. */
class ResubscriptionTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final String NIB = "reunification.events.nib";
    private static final String POLICE = "reunification.events.police";
    private static final String RCHR = "reunification.events.rchr";

    private final Resubscription resubscription = new Resubscription(SETTLE, MAX_WAIT);

    @Test
    void theFirstClientReadsWhatExistsAtOnce() {
        Resubscription.Change change = resubscription.first(Map.of(NIB, 6));

        assertThat(change.topics()).containsExactly(Map.entry(NIB, 6));
        assertThat(change.added()).containsExactly(NIB);
        assertThat(resubscription.counted()).containsExactly(Map.entry(NIB, 6));
    }

    @Test
    void anUnchangedSetKeepsTheClient() {
        resubscription.first(Map.of(NIB, 6));

        assertThat(resubscription.observe(Map.of(NIB, 6), seconds(2))).isEmpty();
        assertThat(resubscription.observe(Map.of(NIB, 6), seconds(60))).isEmpty();
    }

    @Test
    void aNewTopicIsTakenOnOnceTheSetHasSettled() {
        resubscription.first(Map.of(NIB, 6));

        assertThat(resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(2)))
                .isEmpty();
        Optional<Resubscription.Change> change = resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(4));

        assertThat(change).hasValueSatisfying(taken -> {
            assertThat(taken.topics()).containsOnlyKeys(NIB, POLICE);
            assertThat(taken.added()).containsExactly(POLICE);
            assertThat(taken.removed()).isEmpty();
        });
    }

    @Test
    void aTopicSeenAgainAfterItWasTakenOnMakesNoSecondClient() {
        resubscription.first(Map.of(NIB, 6));
        resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(2));
        assertThat(resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(4)))
                .isPresent();

        assertThat(resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(6)))
                .isEmpty();
        assertThat(resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(8)))
                .isEmpty();
    }

    @Test
    void aBurstOfAgenciesIsTakenOnByOneClientOnceItStops() {
        resubscription.first(Map.of(NIB, 6));

        assertThat(resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(2)))
                .isEmpty();
        assertThat(resubscription.observe(Map.of(NIB, 6, POLICE, 6, RCHR, 6), seconds(3)))
                .isEmpty();
        Optional<Resubscription.Change> change = resubscription.observe(Map.of(NIB, 6, POLICE, 6, RCHR, 6), seconds(5));

        assertThat(change).hasValueSatisfying(taken -> assertThat(taken.added()).containsExactly(POLICE, RCHR));
    }

    @Test
    void agenciesThatKeepComingAreTakenOnWithinTheLongestWait() {
        resubscription.first(Map.of(NIB, 6));

        assertThat(resubscription.observe(Map.of(NIB, 6, "reunification.events.a1", 6), seconds(1)))
                .isEmpty();
        Optional<Resubscription.Change> change = Optional.empty();
        for (int second = 2; second <= 11 && change.isEmpty(); second++) {
            change = resubscription.observe(Map.of(NIB, 6, "reunification.events.a" + second, 6), seconds(second));
        }

        assertThat(change).hasValueSatisfying(taken -> assertThat(taken.added()).hasSize(1));
        assertThat(resubscription.counted()).containsKey("reunification.events.a11");
    }

    @Test
    void aTopicDeletedByAnOperatorIsNoLongerReadAndIsNamed() {
        resubscription.first(Map.of(NIB, 6, POLICE, 6));

        resubscription.observe(Map.of(NIB, 6), seconds(2));
        Optional<Resubscription.Change> change = resubscription.observe(Map.of(NIB, 6), seconds(4));

        assertThat(change).hasValueSatisfying(taken -> {
            assertThat(taken.topics()).containsOnlyKeys(NIB);
            assertThat(taken.removed()).containsExactly(POLICE);
            assertThat(taken.describe()).contains("no longer reading", POLICE);
        });
    }

    @Test
    void aTopicCreatedAgainUnderTheSameNameIsReadAgain() {
        resubscription.first(Map.of(NIB, 6, POLICE, 6));
        resubscription.observe(Map.of(NIB, 6), seconds(2));
        resubscription.observe(Map.of(NIB, 6), seconds(4));

        resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(6));
        Optional<Resubscription.Change> change = resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(8));

        assertThat(change).hasValueSatisfying(taken -> assertThat(taken.added()).containsExactly(POLICE));
    }

    @Test
    void aTopicDeletedAndCreatedAgainBetweenTwoLooksKeepsTheClient() {
        resubscription.first(Map.of(NIB, 6, POLICE, 6));

        assertThat(resubscription.observe(Map.of(NIB, 6), seconds(2))).isEmpty();
        assertThat(resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(3)))
                .isEmpty();
        assertThat(resubscription.observe(Map.of(NIB, 6, POLICE, 6), seconds(20)))
                .isEmpty();
    }

    @Test
    void aTopicGivenMorePartitionsIsReadAgainWithThem() {
        resubscription.first(Map.of(NIB, 3));

        resubscription.observe(Map.of(NIB, 6), seconds(2));
        Optional<Resubscription.Change> change = resubscription.observe(Map.of(NIB, 6), seconds(4));

        assertThat(change).hasValueSatisfying(taken -> {
            assertThat(taken.resized()).containsExactly(NIB);
            assertThat(taken.topics()).containsExactly(Map.entry(NIB, 6));
        });
    }

    @Test
    void theLastAgencyLeavingLeavesNothingToRead() {
        resubscription.first(Map.of(NIB, 6));

        resubscription.observe(Map.of(), seconds(2));

        assertThat(resubscription.observe(Map.of(), seconds(4)))
                .hasValueSatisfying(taken -> assertThat(taken.topics()).isEmpty());
    }

    private static long seconds(long seconds) {
        return Duration.ofSeconds(seconds).toNanos();
    }
}
