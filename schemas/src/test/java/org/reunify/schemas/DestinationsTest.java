package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class DestinationsTest {

    @Test
    void aCountryIsNamedInEnglishAndUkrainian() {
        assertThat(Destinations.byCode("KP")).contains(new Destination("KP", "North Korea", "Північна Корея"));
        assertThat(Destinations.byCode("BY")).contains(new Destination("BY", "Belarus", "Білорусь"));
    }

    @Test
    void occupiedUkraineAndUnknownAreDestinationsUkraineItselfIsNot() {
        assertThat(Destinations.byCode("OCCUPIED")).contains(Destinations.OCCUPIED);
        assertThat(Destinations.byCode("UNKNOWN")).contains(Destinations.UNKNOWN);
        assertThat(Destinations.byCode("UA")).isEmpty();
        assertThat(Destinations.byCode("XX")).isEmpty();
        assertThat(Destinations.byCode(null)).isEmpty();
    }

    @Test
    void everyDestinationAnEventMayNameIsInTheCatalogue() {
        for (String code : Locale.getISOCountries()) {
            if (EventRules.destinationProblem(code) == null) {
                assertThat(Destinations.byCode(code)).as(code).isPresent();
            }
        }
    }
}
