package org.reunify.dashboard.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.reunify.dashboard.disclosure.Suppression;

class HxlMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DEC_1 = LocalDate.parse("2025-12-01");
    private static final LocalDate DEC_3 = LocalDate.parse("2025-12-03");

    @Test
    void currentFiguresNameTheirSourceAsOfDayThresholdColumnsAndVersion() throws Exception {
        JsonNode metadata = JSON.readTree(
                new HxlMetadata("reunification.totals", HxlMetadata.Series.CURRENT, DEC_3, DEC_3, new Suppression(5))
                        .toJson());

        assertThat(metadata.get("source").asText()).isEqualTo("reunification.totals");
        assertThat(metadata.get("asOf").asText()).isEqualTo("2025-12-03");
        assertThat(metadata.get("suppressBelow").asInt()).isEqualTo(5);
        assertThat(metadata.get("suppression").asText()).contains("<5", ">=5", "withheld");
        assertThat(metadata.get("columns").fieldNames())
                .toIterable()
                .containsExactly("date", "region", "pcode", "name", "deported", "returned", "outstanding");
        assertThat(metadata.get("generatedBy").asText()).startsWith("reunify ");
    }

    @Test
    void aDailyTablesNamesItsFirstAndLastDay() throws Exception {
        JsonNode metadata = JSON.readTree(
                new HxlMetadata("reunification.totals.daily", HxlMetadata.Series.DAILY, DEC_1, DEC_3, Suppression.NONE)
                        .toJson());

        assertThat(metadata.get("from").asText()).isEqualTo("2025-12-01");
        assertThat(metadata.get("to").asText()).isEqualTo("2025-12-03");
        assertThat(metadata.get("suppressBelow").isNull()).isTrue();
    }
}
