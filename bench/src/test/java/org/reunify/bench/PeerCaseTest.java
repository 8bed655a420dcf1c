package org.reunify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.avro.ReunificationEvent;

/** The stateful peer's per-case aggregate counts the benchmark's history as the rules do. */
class PeerCaseTest {

    private static final LocalDate MAY = LocalDate.of(2022, 5, 1);
    private final EventFactory nib = new EventFactory("nib", "test");
    private final EventFactory police = new EventFactory("police", "test");

    @Test
    void aReDeliveryAndAnotherAgencysCopyCountTheCaseOnce() {
        ReunificationEvent report = nib.deportation("d-1", "c-1", "UA-14", MAY, "RU");

        PeerCase folded =
                PeerCase.empty().with(report).with(report).with(police.deportation("x-1", "c-1", "UA-14", MAY, "RU"));

        assertThat(folded.region()).isEqualTo("UA-14");
        assertThat(folded.counts()).isEqualTo(new PeerCounts(1, 0));
    }

    @Test
    void aRetractionTakesItsReportBackWhetherItArrivesBeforeOrAfterIt() {
        ReunificationEvent wrong = nib.deportation("w-1", "c-1", "UA-46", MAY, "BY");
        ReunificationEvent retraction = nib.retraction("t-1", "c-1", "w-1", "wrong region");

        assertThat(PeerCase.empty().with(wrong).with(retraction).region()).isNull();
        assertThat(PeerCase.empty().with(retraction).with(wrong).region()).isNull();
    }

    @Test
    void theLatestLiveReportDecidesTheRegionAndALiveReturnCountsTheCaseReturned() {
        PeerCase folded = PeerCase.empty()
                .with(nib.deportation("d-1", "c-1", "UA-14", MAY, "RU"))
                .with(nib.returned("r-1", "c-1", "UA-46", LocalDate.of(2025, 12, 1)));

        assertThat(folded.region()).isEqualTo("UA-46");
        assertThat(folded.counts()).isEqualTo(new PeerCounts(1, 1));
    }

    @Test
    void foldingLeavesTheOldValueAsItWasForTheSubtractor() {
        PeerCase before = PeerCase.empty().with(nib.deportation("d-1", "c-1", "UA-14", MAY, "RU"));

        before.with(nib.retraction("t-1", "c-1", "d-1", "sent in error"));

        assertThat(before.region()).isEqualTo("UA-14");
    }

    @Test
    void theSerdeKeepsTheReportsAndTheirOrder() {
        PeerCase folded = PeerCase.empty()
                .with(nib.deportation("d-1", "c-1", "UA-14", MAY, "RU"))
                .with(police.deportation("w-1", "c-1", "UA-46", MAY, "BY"))
                .with(police.retraction("t-1", "c-1", "w-1", "wrong region"));

        PeerCase read = PeerCase.SERDE
                .deserializer()
                .deserialize("t", PeerCase.SERDE.serializer().serialize("t", folded));

        assertThat(read.region()).isEqualTo("UA-14");
        assertThat(read.with(nib.returned("r-1", "c-1", "UA-14", MAY)).counts()).isEqualTo(new PeerCounts(1, 1));
    }
}
