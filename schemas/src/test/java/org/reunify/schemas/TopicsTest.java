package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void agencyIdsAreTwoToThirtyTwoLowerCaseLettersDigitsAndDashes() {
        assertThat(Topics.isAgencyId("nib")).isTrue();
        assertThat(Topics.isAgencyId("bring-kids-back")).isTrue();
        assertThat(Topics.isAgencyId("a")).isFalse();
        assertThat(Topics.isAgencyId("-nib")).isFalse();
        assertThat(Topics.isAgencyId("NIB")).isFalse();
        assertThat(Topics.isAgencyId("n".repeat(33))).isFalse();
        assertThat(Topics.isAgencyId("nib.police")).isFalse();
    }

    @Test
    void theAgencyIdCheckAgreesWithItsPatternOnEveryCharacterInEveryPlace() {
        for (char c = 0; c < 0x3000; c++) {
            for (String candidate : new String[] {c + "ib", "n" + c, "ni" + c + "b", String.valueOf(c)}) {
                assertThat(Topics.isAgencyId(candidate))
                        .as("U+%04X in %s", (int) c, candidate.replace(c, '?'))
                        .isEqualTo(Topics.AGENCY_ID.matcher(candidate).matches());
            }
        }
        for (int length = 0; length <= 34; length++) {
            String candidate = "n".repeat(length);
            assertThat(Topics.isAgencyId(candidate))
                    .as("length %d", length)
                    .isEqualTo(Topics.AGENCY_ID.matcher(candidate).matches());
        }
    }

    @Test
    void theAgencyOfAnEventIsTheTopicItArrivedOn() {
        assertThat(Topics.eventsTopic("nib")).isEqualTo("reunification.events.nib");
        assertThat(Topics.agencyOf("reunification.events.nib")).contains("nib");
        assertThat(Topics.agencyOf("reunification.totals")).isEmpty();
        assertThat(Topics.agencyOf("reunification.events.NIB")).isEmpty();
        assertThat(Topics.agencyOf("reunification.events.")).isEmpty();
        assertThat(Topics.agencyOf("xreunification.events.nib")).isEmpty();
    }

    @Test
    void anInvalidAgencyHasNoTopic() {
        assertThatThrownBy(() -> Topics.eventsTopic("Bad Agency"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a-z0-9][a-z0-9-]{1,31}");
    }
}
