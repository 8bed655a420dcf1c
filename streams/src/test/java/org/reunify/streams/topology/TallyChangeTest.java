package org.reunify.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tally-change key on the wire: the text it has always been, so records written before read as written. */
class TallyChangeTest {

    private static final List<String> WRITTEN_BEFORE =
            List.of("region/UA-14", "region/UA-14/2025-12-03", "destination/RU", "timeline/UA-14/2022-04");

    @Test
    void everyKindOfKeyIsWrittenAsItsTextInUtf8() {
        assertThat(bytes(TallyChange.region("UA-14"))).isEqualTo(utf8("region/UA-14"));
        assertThat(bytes(TallyChange.region("UA-14", LocalDate.parse("2025-12-03"))))
                .isEqualTo(utf8("region/UA-14/2025-12-03"));
        assertThat(bytes(TallyChange.destination("RU"))).isEqualTo(utf8("destination/RU"));
        assertThat(bytes(TallyChange.timeline("UA-14/2022-04"))).isEqualTo(utf8("timeline/UA-14/2022-04"));
    }

    @Test
    void keysWrittenAsTextReadBackToTheSameKeyAndBytes() {
        for (String written : WRITTEN_BEFORE) {
            TallyChange read = TallyChange.SERDE.deserializer().deserialize("t", utf8(written));
            assertThat(bytes(read)).as(written).isEqualTo(utf8(written));
        }
    }

    @Test
    void aDayIsItsRegionsTallyOnADayAndPartitionsWithIt() {
        TallyChange day = TallyChange.region("UA-14", LocalDate.parse("2025-12-03"));

        assertThat(day.isDaily()).isTrue();
        assertThat(day.tally()).isEqualTo(TallyChange.region("UA-14").tally());
    }

    private static byte[] bytes(TallyChange change) {
        return TallyChange.SERDE.serializer().serialize("t", change);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
