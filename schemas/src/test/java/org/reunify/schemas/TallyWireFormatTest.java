package org.reunify.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published tallies byte for byte: the keys and JSON values on the three tally topics, and the listings of
 * {@code reunify totals} by region, {@code --by destination} and {@code --daily} in every format. The expected text
 * was printed by the code of the time; it holds the formats while the code changes.
 */
class TallyWireFormatTest {

    private static final Instant AT = Instant.parse("2025-12-03T16:04:32.117Z");
    private static final Instant WHOLE_SECOND = Instant.parse("2026-03-01T10:15:30Z");
    private static final LocalDate DAY = LocalDate.parse("2025-12-03");

    @Test
    void aRegionTallyOnTheTotalsTopic() {
        assertThat(published(Topics.TOTALS, region("UA-14", 5120, 310, AT)))
                .isEqualTo("UA-14 -> {\"region\":\"UA-14\",\"name\":\"Donetsk Oblast\",\"deported\":5120,"
                        + "\"returned\":310,\"outstanding\":4810,\"updatedAt\":\"2025-12-03T16:04:32.117Z\"}");
    }

    @Test
    void aRegionTallyNeverUpdatedOnTheTotalsTopic() {
        assertThat(published(Topics.TOTALS, region("UA", 0, 0, null)))
                .isEqualTo("UA -> {\"region\":\"UA\",\"name\":\"Ukraine\",\"deported\":0,\"returned\":0,"
                        + "\"outstanding\":0,\"updatedAt\":null}");
    }

    @Test
    void aDestinationTallyOnTheDestinationsTopic() {
        assertThat(published(Topics.DESTINATIONS, destination("KP", 12, 0, WHOLE_SECOND)))
                .isEqualTo("KP -> {\"destination\":\"KP\",\"name\":\"North Korea\",\"deported\":12,\"returned\":0,"
                        + "\"outstanding\":12,\"updatedAt\":\"2026-03-01T10:15:30.000Z\"}");
    }

    @Test
    void aDailyTallyOnTheDailyTopic() {
        assertThat(published(Topics.TOTALS_DAILY, daily(DAY, "UA-14", 5120, 310, AT)))
                .isEqualTo("UA-14/2025-12-03 -> {\"date\":\"2025-12-03\",\"region\":\"UA-14\","
                        + "\"name\":\"Donetsk Oblast\",\"deported\":5120,\"returned\":310,\"outstanding\":4810,"
                        + "\"updatedAt\":\"2025-12-03T16:04:32.117Z\"}");
    }

    @Test
    void theRegionListingInEveryFormat() {
        List<Tally> tallies = List.of(
                region("UA", 12_345_678, 2_345, AT),
                region("UA-05", 0, 0, null),
                region("UA-65", 12_345, 2_345, WHOLE_SECOND));

        assertThat(list(TallyFormat.table, tallies)).isEqualTo("""
                REGION NAME                             DEPORTED   RETURNED  OUTSTANDING  UPDATED (UTC)
                UA     Ukraine                        12,345,678      2,345   12,343,333  2025-12-03 16:04:32
                UA-05  Vinnytsia Oblast                        0          0            0  -
                UA-65  Kherson Oblast                     12,345      2,345       10,000  2026-03-01 10:15:30
                """);
        assertThat(list(TallyFormat.csv, tallies)).isEqualTo("""
                region,name,deported,returned,outstanding,updatedAt
                UA,Ukraine,12345678,2345,12343333,2025-12-03T16:04:32.117Z
                UA-05,Vinnytsia Oblast,0,0,0,
                UA-65,Kherson Oblast,12345,2345,10000,2026-03-01T10:15:30.000Z
                """);
        assertThat(list(TallyFormat.json, tallies)).isEqualTo("""
                [
                  {"region":"UA","name":"Ukraine","deported":12345678,"returned":2345,\
                "outstanding":12343333,"updatedAt":"2025-12-03T16:04:32.117Z"},
                  {"region":"UA-05","name":"Vinnytsia Oblast","deported":0,"returned":0,\
                "outstanding":0,"updatedAt":null},
                  {"region":"UA-65","name":"Kherson Oblast","deported":12345,"returned":2345,\
                "outstanding":10000,"updatedAt":"2026-03-01T10:15:30.000Z"}
                ]
                """);
    }

    @Test
    void theDestinationListingInEveryFormat() {
        List<Tally> tallies = List.of(
                destination("BQ", 1, 0, AT),
                destination("KP", 12, 0, WHOLE_SECOND),
                destination("OCCUPIED", 1_234, 34, AT),
                destination("UNKNOWN", 0, 0, null));

        assertThat(list(TallyFormat.table, tallies)).isEqualTo("""
                DESTINATION NAME                             DEPORTED   RETURNED  OUTSTANDING  UPDATED (UTC)
                BQ          Caribbean Netherlands                   1          0            1  2025-12-03 16:04:32
                KP          North Korea                            12          0           12  2026-03-01 10:15:30
                OCCUPIED    Occupied territory of Ukraine       1,234         34        1,200  2025-12-03 16:04:32
                UNKNOWN     Unknown                                 0          0            0  -
                """);
        assertThat(list(TallyFormat.csv, tallies)).isEqualTo("""
                destination,name,deported,returned,outstanding,updatedAt
                BQ,Caribbean Netherlands,1,0,1,2025-12-03T16:04:32.117Z
                KP,North Korea,12,0,12,2026-03-01T10:15:30.000Z
                OCCUPIED,Occupied territory of Ukraine,1234,34,1200,2025-12-03T16:04:32.117Z
                UNKNOWN,Unknown,0,0,0,
                """);
        assertThat(list(TallyFormat.json, tallies)).isEqualTo("""
                [
                  {"destination":"BQ","name":"Caribbean Netherlands","deported":1,"returned":0,\
                "outstanding":1,"updatedAt":"2025-12-03T16:04:32.117Z"},
                  {"destination":"KP","name":"North Korea","deported":12,"returned":0,\
                "outstanding":12,"updatedAt":"2026-03-01T10:15:30.000Z"},
                  {"destination":"OCCUPIED","name":"Occupied territory of Ukraine","deported":1234,"returned":34,\
                "outstanding":1200,"updatedAt":"2025-12-03T16:04:32.117Z"},
                  {"destination":"UNKNOWN","name":"Unknown","deported":0,"returned":0,"outstanding":0,"updatedAt":null}
                ]
                """);
    }

    @Test
    void theDailyListingInEveryFormat() {
        List<Tally> tallies = List.of(
                daily(DAY, "UA", 5120, 310, AT),
                daily(DAY, "UA-14", 5120, 310, AT),
                daily(DAY.plusDays(1), "UA", 6_000, 1_310, WHOLE_SECOND));

        assertThat(list(TallyFormat.table, tallies)).isEqualTo("""
                DATE       REGION NAME                             DEPORTED   RETURNED  OUTSTANDING  UPDATED (UTC)
                2025-12-03 UA     Ukraine                             5,120        310        4,810  2025-12-03 16:04:32
                2025-12-03 UA-14  Donetsk Oblast                      5,120        310        4,810  2025-12-03 16:04:32
                2025-12-04 UA     Ukraine                             6,000      1,310        4,690  2026-03-01 10:15:30
                """);
        assertThat(list(TallyFormat.csv, tallies)).isEqualTo("""
                date,region,name,deported,returned,outstanding,updatedAt
                2025-12-03,UA,Ukraine,5120,310,4810,2025-12-03T16:04:32.117Z
                2025-12-03,UA-14,Donetsk Oblast,5120,310,4810,2025-12-03T16:04:32.117Z
                2025-12-04,UA,Ukraine,6000,1310,4690,2026-03-01T10:15:30.000Z
                """);
        assertThat(list(TallyFormat.json, tallies)).isEqualTo("""
                [
                  {"date":"2025-12-03","region":"UA","name":"Ukraine","deported":5120,"returned":310,\
                "outstanding":4810,"updatedAt":"2025-12-03T16:04:32.117Z"},
                  {"date":"2025-12-03","region":"UA-14","name":"Donetsk Oblast","deported":5120,"returned":310,\
                "outstanding":4810,"updatedAt":"2025-12-03T16:04:32.117Z"},
                  {"date":"2025-12-04","region":"UA","name":"Ukraine","deported":6000,"returned":1310,\
                "outstanding":4690,"updatedAt":"2026-03-01T10:15:30.000Z"}
                ]
                """);
    }

    private static Tally region(String code, long deported, long returned, Instant updatedAt) {
        return Tally.of(code, deported, returned, updatedAt);
    }

    private static Tally destination(String code, long deported, long returned, Instant updatedAt) {
        return Tally.of(Breakdown.destination, code, deported, returned, updatedAt);
    }

    private static Tally daily(LocalDate day, String region, long deported, long returned, Instant updatedAt) {
        return Tally.of(region, deported, returned, updatedAt).on(day);
    }

    /** The record the pipeline publishes: its key, and its value as text. */
    private static String published(Topic<String, Tally> topic, Tally tally) {
        return tally.topicKey() + " -> "
                + new String(topic.valueSerializer().serialize(topic.name(), tally), StandardCharsets.UTF_8);
    }

    private static String list(TallyFormat format, List<Tally> tallies) {
        StringWriter out = new StringWriter();
        format.print(tallies, new PrintWriter(out));
        return out.toString();
    }
}
