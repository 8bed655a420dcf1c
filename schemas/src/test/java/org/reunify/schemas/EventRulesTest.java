package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.avro.ReunificationEvent;

class EventRulesTest {

    private static final Instant PUBLISHED = Instant.parse("2025-12-03T16:04:32.117Z");
    private static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);
    private final EventFactory nib = new EventFactory("nib", "test/1");

    @Test
    void aWellFormedEventOfEachTypeKeepsTheRules() {
        assertThat(violation(nib.deportation("e-1001", "c-7f3a", "UA-14", MAY_2022, "RU")))
                .isNull();
        assertThat(violation(nib.deportation("e-1001", "c-7f3a", "UA-43", MAY_2022, "OCCUPIED")))
                .isNull();
        assertThat(violation(nib.deportation("e-1001", "c-7f3a", "UA-09", MAY_2022, null)))
                .isNull();
        assertThat(violation(nib.returned("e-1002", "c-7f3a", "UA-14", LocalDate.of(2025, 12, 1))))
                .isNull();
        assertThat(violation(nib.retraction("e-1003", "c-7f3a", "e-1001", "entered twice")))
                .isNull();
    }

    @Test
    void idsAreOneToSixtyFourSafeCharacters() {
        assertThat(violation(nib.deportation("", "c-1", "UA-14", MAY_2022, null)))
                .startsWith("eventId must be");
        assertThat(violation(nib.deportation("e 1", "c-1", "UA-14", MAY_2022, null)))
                .startsWith("eventId must be");
        assertThat(violation(nib.deportation("e-1", "c".repeat(65), "UA-14", MAY_2022, null)))
                .startsWith("caseId must be");
        assertThat(violation(nib.deportation("e-1", "a.b_c:d-" + "x".repeat(56), "UA-14", MAY_2022, null)))
                .isNull();
    }

    @Test
    void anIdIsMadeOfExactlyTheSafeAlphabet() {
        Pattern alphabet = Pattern.compile("[A-Za-z0-9._:-]");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String id = "e" + c;
            assertThat(EventRules.idProblem("eventId", id) == null)
                    .as("U+%04X", (int) c)
                    .isEqualTo(alphabet.matcher(String.valueOf(c)).matches());
        }
    }

    @Test
    void aRegionIsAnIsoCodeAndAPcodeIsNamedForWhatItIs() {
        assertThat(violation(nib.deportation("e-1", "c-1", "UA-99", MAY_2022, null)))
                .startsWith("region 'UA-99' is not one of the 27 ISO 3166-2:UA codes");
        assertThat(violation(nib.deportation("e-1", "c-1", "UA44", MAY_2022, null)))
                .endsWith("UA44 looks like the OCHA P-code of Luhansk Oblast, whose ISO code is UA-09");
        assertThat(violation(nib.returned("e-1", "c-1", "UA", MAY_2022))).startsWith("region 'UA' is not");
    }

    @Test
    void occurrenceFallsBetweenTheOccupationAndTheDayOfPublication() {
        assertThat(violation(nib.deportation("e-1", "c-1", "UA-43", LocalDate.of(2014, 2, 19), null)))
                .isEqualTo("occurredOn 2014-02-19 is before 2014-02-20, the start of the occupation");
        assertThat(violation(nib.deportation("e-1", "c-1", "UA-43", LocalDate.of(2014, 2, 20), null)))
                .isNull();
        assertThat(violation(nib.returned("e-1", "c-1", "UA-14", LocalDate.of(2025, 12, 4))))
                .isEqualTo("occurredOn 2025-12-04 is after the day it is published (2025-12-03, Kyiv time)");
        assertThat(violation(nib.returned("e-1", "c-1", "UA-14", LocalDate.of(2025, 12, 3))))
                .isNull();
    }

    @Test
    void thePublicationDayIsKyivsDay() {
        Instant lateEveningUtc = Instant.parse("2025-12-03T23:30:00Z");

        assertThat(EventRules.violation(nib.returned("e-1", "c-1", "UA-14", LocalDate.of(2025, 12, 4)), lateEveningUtc))
                .isEmpty();
    }

    @Test
    void aDestinationIsACountryOrOccupiedUkraine() {
        assertThat(violation(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "KP")))
                .isNull();
        assertThat(violation(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "XX")))
                .startsWith("destination 'XX' is neither");
        assertThat(violation(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "ru")))
                .startsWith("destination 'ru' is neither");
        assertThat(violation(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "UA")))
                .contains("use OCCUPIED");
    }

    @Test
    void aRetractionNamesAnotherEventAndSaysWhy() {
        assertThat(violation(nib.retraction("e-3", "c-1", "e-3", "oops"))).isEqualTo("an event cannot retract itself");
        assertThat(violation(nib.retraction("e-3", "c-1", "bad id!", "oops"))).startsWith("retracts must be");
        assertThat(violation(nib.retraction("e-3", "c-1", "e-1", " "))).startsWith("reason is missing");
        assertThat(violation(nib.retraction("e-3", "c-1", "e-1", "x".repeat(501))))
                .startsWith("reason is longer");
        assertThat(violation(nib.retraction("e-3", "c-1", "e-1", "bad\u0007bell")))
                .isEqualTo("reason contains control characters");
    }

    @Test
    void theAgencyAndPublisherAreNamed() {
        EventFactory nobody = new EventFactory("X", "test/1");
        EventFactory anonymous = new EventFactory("nib", " ");

        assertThat(violation(nobody.returned("e-1", "c-1", "UA-14", MAY_2022))).startsWith("agency must match");
        assertThat(violation(anonymous.returned("e-1", "c-1", "UA-14", MAY_2022)))
                .startsWith("publisher must name");
    }

    @Test
    void aViolationNeverEchoesACaseId() {
        String secret = "registry-hash-very-long-do-not-print-0123456789";
        assertThat(violation(nib.deportation("e 1", secret, "UA-14", MAY_2022, null)))
                .doesNotContain(secret);
        assertThat(violation(nib.deportation("e-1", secret + "!", "UA-14", MAY_2022, null)))
                .doesNotContain(secret);
    }

    private static String violation(ReunificationEvent event) {
        return EventRules.violation(event, PUBLISHED).orElse(null);
    }
}
