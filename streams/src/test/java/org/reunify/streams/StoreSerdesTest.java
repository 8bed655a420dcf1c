package org.reunify.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseHistory;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.EventRef;

class StoreSerdesTest {

    @Test
    void aCaseHistorySurvivesTheStore() {
        CaseHistory history = new CaseHistory("c-7f3a", List.of(
                new CaseEvent(new EventRef("nib", "e-1"), "c-7f3a", EventKind.DEPORTATION_REPORTED, "UA-14",
                        LocalDate.of(2022, 5, 1), "RU", null, null, 1_700_000_000_000L),
                new CaseEvent(new EventRef("nib", "e-2"), "c-7f3a", EventKind.RETURN_CONFIRMED, "UA-14",
                        LocalDate.of(2025, 12, 1), null, null, null, 1_700_000_000_001L),
                new CaseEvent(new EventRef("police", "p-1"), "c-7f3a", EventKind.REPORT_RETRACTED, null, null, null,
                        "p-0", "entered twice — по помилці", 1_700_000_000_002L)));
        CaseHistorySerde serde = new CaseHistorySerde();

        byte[] bytes = serde.serializer().serialize("t", history);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(history);
    }

    @Test
    void countsSurviveTheStoreIncludingNeverUpdated() {
        CountsSerde serde = new CountsSerde();

        for (Counts counts : List.of(Counts.NONE, new Counts(19_546, 1_859, 1_764_777_872_117L), new Counts(-1, 0, 5))) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", counts))).isEqualTo(counts);
        }
    }

    @Test
    void aStoreValueFromAnUnknownVersionIsRefusedNotMisread() {
        assertThatThrownBy(() -> new CaseHistorySerde().deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> new CountsSerde().deserializer().deserialize("t", new byte[25]))
                .isInstanceOf(SerializationException.class);
    }
}
