package org.reunify.streams.serdes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CaseState;
import org.reunify.streams.rules.CasesOnHeap;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.Position;

class StoreSerdesTest {

    private static final EventFactory NIB = new EventFactory("nib", "reunify-test/1");
    private static final EventFactory POLICE = new EventFactory("police", "reunify-test/1");
    private static final EventFactory RCHR = new EventFactory("rchr", "reunify-test/1");
    private static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);
    private static final LocalDate DEC_2025 = LocalDate.of(2025, 12, 1);

    private final CasesOnHeap cases = new CasesOnHeap();
    private final CaseStateSerde serde = new CaseStateSerde();

    @Test
    void aCasesSummaryAndItsAgenciesSharesSurviveTheStore() {
        fold(NIB.deportation("e-1", "c-7f3a", "UA-14", MAY_2022, "RU"), new Position(1_700_000_000_000L, 0, 0));
        fold(NIB.returned("e-2", "c-7f3a", "UA-14", DEC_2025), new Position(1_700_000_000_001L, 2, 9));
        fold(NIB.returned("e-2", "c-7f3a", "UA-09", DEC_2025), new Position(1_700_000_000_002L, 1, 3));
        fold(NIB.retraction("e-3", "c-7f3a", "e-0", "по помилці"), new Position(1_700_000_000_003L, 0, 1));
        fold(
                POLICE.deportation("p-1", "c-7f3a", "UA-14", MAY_2022.plusDays(1), null),
                new Position(1_700_000_000_004L, 5, 1L << 40));
        CaseState state = cases.state("c-7f3a");
        assertThat(state.share("nib").slots())
                .as("a head, a conflicting version and a retraction")
                .hasSize(3);

        CaseState restored = roundTrip(serde, state);

        assertThat(restored.summary()).isEqualTo(state.summary());
        assertThat(restored.share("nib")).isEqualTo(state.share("nib"));
        assertThat(restored.share("police")).isEqualTo(state.share("police"));
        assertThat(restored.isChanged()).as("as it was stored").isFalse();
    }

    @Test
    void whenEventsOccurredAndFromWhenARetractionIsRefusedSurviveTheStore() {
        fold(NIB.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), new Position(1_000L, 0, 0));
        fold(NIB.retraction("e-2", "c-1", "e-1", "entered twice"), new Position(2_000L, 0, 1));
        // Refused from 3 s on, when a retraction under the eventId it names was appended: the history counted it
        // before.
        fold(NIB.retraction("e-1", "c-1", "e-9", "a second version of e-1"), new Position(3_000L, 0, 2));
        CaseState state = cases.state("c-1");
        AgencyShare.Kept waited = state.share("nib").slots().get(1).kept().get(0);
        assertThat(waited.refusedFrom()).isEqualTo(3_000L);
        assertThat(state.share("nib").slots().get(0).head().occurredOn()).isEqualTo(MAY_2022);

        CaseState restored = roundTrip(serde, state);

        assertThat(restored.share("nib")).isEqualTo(state.share("nib"));
    }

    @Test
    void aStringNamedByManyRecordsOfACaseIsStoredOnce() {
        for (int i = 0; i < 5; i++) {
            fold(NIB.deportation("e-" + i, "c-1", "UA-14", MAY_2022, "RU"), new Position(1_700_000_000_000L + i, 0, i));
        }

        String stored = new String(serde.serializer().serialize("t", cases.state("c-1")), StandardCharsets.ISO_8859_1);

        assertThat(stored.split("UA-14", -1)).as("the region once").hasSize(2);
        assertThat(stored.split("RU", -1)).as("the destination once").hasSize(2);
    }

    @Test
    void aFloodedCaseSurvivesTheStoreWithItsEventsBeyondTheLimits() {
        CaseLimits limits = new CaseLimits(2, 2);
        for (int i = 0; i < 6; i++) {
            CaseFold.apply(
                    cases,
                    new CaseRecord(
                            CaseEvent.of(RCHR.retraction("x-" + i, "c-flood", "t-" + i, "помилка")),
                            new Position(1_000L + i, 0, i)),
                    limits);
        }
        CaseState state = cases.state("c-flood");
        assertThat(state.share("rchr").slots())
                .as("two events and where the next one appeared")
                .hasSize(3)
                .last()
                .satisfies(slot -> assertThat(slot.head()).isNull());

        assertThat(roundTrip(serde, state).share("rchr")).isEqualTo(state.share("rchr"));
    }

    @Test
    void aCorruptCaseStateFailsAsSuchInsteadOfAllocatingWhatItClaims() {
        byte[] bytes = serde.serializer().serialize("t", cases.state("c-never-folded"));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
        byte[] hugeCount = {2, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f};
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);

        for (byte[] corrupt : List.of(truncated, hugeCount, trailing)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", corrupt))
                    .isInstanceOf(SerializationException.class);
        }
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
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("version 9");
        assertThatThrownBy(() -> new CountsSerde().deserializer().deserialize("t", new byte[25]))
                .isInstanceOf(SerializationException.class);
    }

    private void fold(ReunificationEvent event, Position position) {
        CaseFold.apply(cases, new CaseRecord(CaseEvent.of(event), position), CaseLimits.DEFAULT);
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
