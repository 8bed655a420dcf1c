package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionsTest {

    @Test
    void ukraineHasTwentySevenFirstLevelUnits() {
        assertThat(Regions.all()).hasSize(27);
        assertThat(Regions.all())
                .extracting(Region::code)
                .doesNotHaveDuplicates()
                .isSorted();
        assertThat(Regions.all()).extracting(Region::pcode).doesNotHaveDuplicates();
    }

    @Test
    void theCodesWhereIsoAndOchaDisagreeAreRight() {
        assertThat(Regions.byCode("UA-09"))
                .get()
                .extracting(Region::pcode, Region::nameEn)
                .containsExactly("UA44", "Luhansk Oblast");
        assertThat(Regions.byCode("UA-43"))
                .get()
                .extracting(Region::pcode, Region::nameEn)
                .containsExactly("UA01", "Autonomous Republic of Crimea");
        assertThat(Regions.byCode("UA-30"))
                .get()
                .extracting(Region::pcode, Region::nameEn)
                .containsExactly("UA80", "Kyiv");
        assertThat(Regions.byCode("UA-40"))
                .get()
                .extracting(Region::pcode, Region::nameEn)
                .containsExactly("UA85", "Sevastopol");
        assertThat(Regions.byCode("UA-77"))
                .get()
                .extracting(Region::pcode, Region::nameEn)
                .containsExactly("UA73", "Chernivtsi Oblast");
    }

    @Test
    void everyRegionHasEnglishAndUkrainianNames() {
        assertThat(Regions.all()).allSatisfy(region -> {
            assertThat(region.nameEn()).isNotBlank();
            assertThat(region.nameUk()).isNotBlank().matches("[\\p{IsCyrillic} '’-]+");
        });
        assertThat(Regions.byCode("UA-14")).get().extracting(Region::nameUk).isEqualTo("Донецька область");
    }

    @Test
    void theNationalTotalIsNotARegionButIsListedWithThem() {
        assertThat(Regions.isRegion("UA")).isFalse();
        assertThat(Regions.byCode("UA")).contains(Regions.NATIONAL);
        assertThat(Regions.allWithNational()).hasSize(28).last().isEqualTo(Regions.NATIONAL);
    }

    @Test
    void aPcodeLeadsToItsIsoCode() {
        assertThat(Regions.byPcode("UA44")).get().extracting(Region::code).isEqualTo("UA-09");
        assertThat(Regions.byPcode("UA-44")).isEmpty();
    }
}
