package org.reunify.dashboard.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.disclosure.TestTables;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;

class HxlExportTest {

    private static final LocalDate DEC_1 = LocalDate.parse("2025-12-01");
    private static final LocalDate DEC_3 = LocalDate.parse("2025-12-03");
    private static final Instant AT = Instant.parse("2025-12-01T10:00:00Z");

    @Test
    void currentFiguresAreSuppressedAndDatedAsOf() {
        HxlExport.Files files =
                HxlExport.current(TestTables.table("UA-14 3/0", "UA-32 40/0", "UA-46 90/0"), DEC_3, new Suppression(5));

        assertThat(files.csv())
                .contains("2025-12-03,UA-14,UA14,Donetsk Oblast,<5,0,<5\r\n")
                .contains("2025-12-03,UA,UA,Ukraine,133,0,133\r\n");
        assertThat(files.metadata()).contains("\"asOf\" : \"2025-12-03\"", "\"suppressBelow\" : 5");
    }

    @Test
    void theReadmesExampleIsWhatTheExportWrites() {
        HxlExport.Files files = HxlExport.current(
                TestTables.table("UA-14 3/0", "UA-32 40/6", "UA-46 90/12", "UA-63 210/30"), DEC_3, new Suppression(5));

        assertThat(files.csv().lines().filter(line -> !line.endsWith(",0,0,0")))
                .containsExactly(
                        "date,region,pcode,name,deported,returned,outstanding",
                        "#date,#adm1+code,#adm1+pcode,#adm1+name,#affected+children+deported,"
                                + "#affected+children+returned,#affected+children+outstanding",
                        "2025-12-03,UA,UA,Ukraine,343,48,295",
                        "2025-12-03,UA-14,UA14,Donetsk Oblast,<5,0,<5",
                        "2025-12-03,UA-32,UA32,Kyiv Oblast,>=5,>=5,>=5",
                        "2025-12-03,UA-46,UA46,Lviv Oblast,>=5,>=5,>=5",
                        "2025-12-03,UA-63,UA63,Kharkiv Oblast,210,30,180");
    }

    @Test
    void aDailyTablesRunsFromTheFirstToTheLastDayWithATallyUnlessTold() {
        List<Tally> daily = List.of(
                Tally.of("UA-14", 10, 0, AT).on(DEC_1),
                Tally.of("UA", 10, 0, AT).on(DEC_1),
                Tally.of("UA-14", 11, 0, AT).on(DEC_3),
                Tally.of("UA", 11, 0, AT).on(DEC_3));

        HxlExport.Files files = HxlExport.daily(daily, null, null, Suppression.NONE);

        assertThat(files.csv())
                .contains("2025-12-01,UA-14,UA14,Donetsk Oblast,10,0,10\r\n")
                .contains("2025-12-02,UA-14,UA14,Donetsk Oblast,10,0,10\r\n")
                .contains("2025-12-03,UA,UA,Ukraine,11,0,11\r\n")
                .doesNotContain("2025-12-04");
        assertThat(files.metadata()).contains("reunification.totals.daily", "\"from\" : \"2025-12-01\"");
    }

    @Test
    void theMonthlySeriesHasEveryRegionsMonthsTheUnknownOneAsAnEmptyDate() {
        HxlExport.Files files = HxlExport.monthly(
                List.of(
                        TimelineEntry.of("UA", "UNKNOWN", 2, 0),
                        TimelineEntry.of("UA-14", "2022-04", 40, 1),
                        TimelineEntry.of("UA", "2022-04", 40, 1)),
                DEC_3,
                Suppression.NONE);

        assertThat(files.csv().lines())
                .containsExactly(
                        "month,region,pcode,name,taken,returned",
                        "#date+occurred,#adm1+code,#adm1+pcode,#adm1+name,#affected+children+deported,"
                                + "#affected+children+returned",
                        "2022-04,UA,UA,Ukraine,40,1",
                        "2022-04,UA-14,UA14,Donetsk Oblast,40,1",
                        ",UA,UA,Ukraine,2,0");
        assertThat(files.metadata()).contains("reunification.timeline", "#date+occurred");
    }

    @Test
    void withSuppressionTheMonthlySeriesIsTheNationsAloneEachMeasureSuppressedAgainstItsTotal() {
        HxlExport.Files files = HxlExport.monthly(
                List.of(
                        TimelineEntry.of("UA-14", "2022-04", 40, 0),
                        TimelineEntry.of("UA-14", "2022-05", 3, 0),
                        TimelineEntry.of("UA", "2022-04", 40, 0),
                        TimelineEntry.of("UA", "2022-05", 3, 0)),
                DEC_3,
                new Suppression(5));

        assertThat(files.csv().lines().skip(2))
                .containsExactly("2022-04,UA,UA,Ukraine,>=5,0", "2022-05,UA,UA,Ukraine,<5,0");
        assertThat(files.metadata()).contains("only the national rows");
    }

    @Test
    void aDailyTablesWithoutTalliesOrDaysIsRefused() {
        assertThatThrownBy(() -> HxlExport.daily(List.of(), null, null, Suppression.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no daily tallies yet");
    }
}
