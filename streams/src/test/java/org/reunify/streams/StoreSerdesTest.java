package org.reunify.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CaseTables;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.EventKind;
import org.reunify.streams.rules.EventRef;
import org.reunify.streams.rules.Position;

class StoreSerdesTest {

    private final CaseTables cases = CaseTables.inMemory();

    @Test
    void aCaseSummaryAndAnAgencysShareSurviveTheStore() {
        fold(
                new CaseEvent(
                        new EventRef("nib", "e-1"),
                        "c-7f3a",
                        EventKind.DEPORTATION_REPORTED,
                        "UA-14",
                        LocalDate.of(2022, 5, 1),
                        "RU",
                        null,
                        null),
                new Position(1_700_000_000_000L, 0, 0));
        fold(
                new CaseEvent(
                        new EventRef("nib", "e-2"),
                        "c-7f3a",
                        EventKind.RETURN_CONFIRMED,
                        "UA-14",
                        LocalDate.of(2025, 12, 1),
                        null,
                        null,
                        null),
                new Position(1_700_000_000_001L, 2, 9));
        fold(
                new CaseEvent(
                        new EventRef("nib", "e-2"),
                        "c-7f3a",
                        EventKind.RETURN_CONFIRMED,
                        "UA-09",
                        LocalDate.of(2025, 12, 1),
                        null,
                        null,
                        null),
                new Position(1_700_000_000_002L, 1, 3));
        fold(
                new CaseEvent(
                        new EventRef("nib", "e-3"),
                        "c-7f3a",
                        EventKind.REPORT_RETRACTED,
                        null,
                        null,
                        null,
                        "e-0",
                        "по помилці"),
                new Position(1_700_000_000_003L, 0, 1));
        AgencyShare share = cases.share("c-7f3a", "nib");
        assertThat(share.slots())
                .as("a head, a conflicting version and a retraction")
                .hasSize(3);

        assertThat(roundTrip(new AgencyShareSerde(), share)).isEqualTo(share);
        assertThat(roundTrip(new CaseSummarySerde(), cases.summary("c-7f3a"))).isEqualTo(cases.summary("c-7f3a"));
    }

    @Test
    void countsSurviveTheStoreIncludingNeverUpdated() {
        for (Counts counts :
                List.of(Counts.NONE, new Counts(19_546, 1_859, 1_764_777_872_117L), new Counts(-1, 0, 5))) {
            assertThat(roundTrip(new CountsSerde(), counts)).isEqualTo(counts);
        }
    }

    @Test
    void aReceivedRecordKeepsItsOriginAndItsBytesOrTheirAbsence() {
        Received received =
                new Received("reunification.events.nib", 4, 1_234_567L, 1_700_000_000_000L, new byte[] {1, 2, 3});
        Received empty = new Received("reunification.events.nib", 0, 0, 0, null);

        assertThat(Received.fromBytes(received.toBytes()))
                .usingRecursiveComparison()
                .isEqualTo(received);
        assertThat(Received.fromBytes(empty.toBytes()).value()).isNull();
    }

    @Test
    void aReceivedRecordDeclaringMoreBytesThanItHoldsIsRefusedWithoutAllocatingThem() {
        byte[] bytes = new Received("reunification.events.nib", 0, 0, 0, new byte[] {1}).toBytes();
        bytes[bytes.length - 5] = 0x7f;

        assertThatThrownBy(() -> Received.fromBytes(bytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not written by this topology");
    }

    @Test
    void aStoreValueFromAnUnknownVersionIsRefusedNotMisread() {
        assertThatThrownBy(() -> new AgencyShareSerde().deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> new CaseSummarySerde().deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> new CountsSerde().deserializer().deserialize("t", new byte[25]))
                .isInstanceOf(SerializationException.class);
    }

    private void fold(CaseEvent event, Position position) {
        CaseFold.apply(cases, new CaseRecord(event, position), CaseLimits.DEFAULT);
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
