package org.reunify.dashboard.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Tally;

class SuppressionTest {

    private static final Suppression BELOW_5 = new Suppression(5);

    @Test
    void aTallyWithACountFromOneToKMinusOneMustBeHidden() {
        assertThat(BELOW_5.hasSmallCount(tally(4, 0))).isTrue();
        assertThat(BELOW_5.hasSmallCount(tally(100, 97))).isTrue();
        assertThat(BELOW_5.hasSmallCount(tally(100, 3))).isTrue();
    }

    @Test
    void aTallyWithoutSmallCountsNeedNotBeHidden() {
        assertThat(BELOW_5.hasSmallCount(tally(120, 15))).isFalse();
        assertThat(BELOW_5.hasSmallCount(tally(40, 0))).isFalse();
        assertThat(BELOW_5.hasSmallCount(tally(0, 0))).isFalse();
    }

    @Test
    void withoutSuppressionNoTallyIsHidden() {
        assertThat(Suppression.NONE.hasSmallCount(tally(3, 1))).isFalse();
    }

    @Test
    void aHiddenTallysCountsReadLessThanKOrAtLeastK() {
        assertThat(BELOW_5.hide(4).text()).isEqualTo("<5");
        assertThat(BELOW_5.hide(1).text()).isEqualTo("<5");
        assertThat(BELOW_5.hide(5).text()).isEqualTo(">=5");
        assertThat(BELOW_5.hide(97).text()).isEqualTo(">=5");
    }

    @Test
    void zeroIsShownAsItIsBecauseItRevealsNoChild() {
        assertThat(BELOW_5.hide(0)).isEqualTo(PublishedCount.exact(0));
    }

    @Test
    void kBelowTwoIsRefusedBecauseItWouldHideNothing() {
        assertThatThrownBy(() -> new Suppression(1)).hasMessageContaining("K >= 2");
    }

    private static Tally tally(long deported, long returned) {
        return Tally.of("UA-14", deported, returned, Instant.parse("2025-12-03T16:04:32.117Z"));
    }
}
