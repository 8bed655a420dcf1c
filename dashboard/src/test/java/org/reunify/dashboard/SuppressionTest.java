package org.reunify.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TallyJson;

class SuppressionTest {

    private static final Suppression BELOW_5 = new Suppression(5);

    @Test
    void withoutSuppressionTheTallyIsDesignsJsonUnchanged() {
        Tally tally = tally(3, 1);

        assertThat(Suppression.NONE.publish(tally)).isEqualTo(TallyJson.toNode(tally));
    }

    @Test
    void aTallyWithoutSmallCountsIsShownExactly() {
        Tally tally = tally(120, 15);

        assertThat(BELOW_5.publish(tally)).isEqualTo(TallyJson.toNode(tally));
    }

    @Test
    void countsFromOneToKMinusOneAreShownAsLessThanK() {
        ObjectNode published = BELOW_5.publish(tally(4, 1));

        assertThat(counts(published)).containsExactly("<5", "<5", "<5");
    }

    @Test
    void aSmallOutstandingIsNotGivenAwayByExactDeportedAndReturned() {
        ObjectNode published = BELOW_5.publish(tally(100, 97));

        assertThat(counts(published)).containsExactly(">=5", ">=5", "<5");
    }

    @Test
    void aSmallReturnedIsNotGivenAwayByExactDeportedAndOutstanding() {
        ObjectNode published = BELOW_5.publish(tally(100, 3));

        assertThat(counts(published)).containsExactly(">=5", "<5", ">=5");
    }

    @Test
    void twoSmallCountsAreNotPinnedDownByAnExactSum() {
        ObjectNode published = BELOW_5.publish(tally(8, 4));

        assertThat(counts(published)).containsExactly(">=5", "<5", "<5");
    }

    @Test
    void zeroIsShownAsItIsBecauseItRevealsNoChild() {
        assertThat(counts(BELOW_5.publish(tally(3, 0)))).containsExactly("<5", "0", "<5");
        assertThat(counts(BELOW_5.publish(tally(0, 0)))).containsExactly("0", "0", "0");
        assertThat(counts(BELOW_5.publish(tally(40, 0)))).containsExactly("40", "0", "40");
    }

    @Test
    void regionNameAndUpdateTimeAreKept() {
        ObjectNode published = BELOW_5.publish(tally(2, 1));

        assertThat(published.get("region").asText()).isEqualTo("UA-14");
        assertThat(published.get("name").asText()).isEqualTo("Donetsk Oblast");
        assertThat(published.get("updatedAt").asText()).isEqualTo("2025-12-03T16:04:32.117Z");
    }

    @Test
    void kBelowTwoIsRefusedBecauseItWouldHideNothing() {
        assertThatThrownBy(() -> new Suppression(1)).hasMessageContaining("K >= 2");
    }

    private static Tally tally(long deported, long returned) {
        return Tally.of("UA-14", deported, returned, Instant.parse("2025-12-03T16:04:32.117Z"));
    }

    private static String[] counts(ObjectNode node) {
        return new String[] {
            node.get("deported").asText(),
            node.get("returned").asText(),
            node.get("outstanding").asText()
        };
    }
}
