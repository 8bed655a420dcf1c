package org.reunify.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** An explanation says, for every accepted event of a case, whether it is live and whether it decides the region. */
class CaseExplanationTest {

    private static final Instant T0 = Instant.parse("2025-12-01T10:00:00Z");
    private static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);

    private final EventFactory nib = new EventFactory("nib", "test/1");
    private final EventFactory police = new EventFactory("national-police", "test/1");
    private final Replay replay = new Replay();

    @Test
    void aRetractedReportNamesItsRetractionAndTheLatestLiveReportDecidesTheRegion() {
        feed(nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        feed(police.deportation("p-1", "c-1", "UA-09", MAY_2022, null), 2);
        feed(police.retraction("p-2", "c-1", "p-1", "wrong region"), 3);

        CaseExplanation explained = CaseExplanation.of(replay.caseHistory("c-1").orElseThrow());

        assertThat(explained.region()).isEqualTo("UA-14");
        assertThat(explained.events()).extracting(CaseExplanation.Line::eventId, CaseExplanation.Line::status, CaseExplanation.Line::decidesRegion)
                .containsExactly(
                        tuple("n-1", "live", true),
                        tuple("p-1", "retracted by national-police/p-2", false),
                        tuple("p-2", "retracts national-police/p-1", false));
    }

    @Test
    void aCaseWhoseEveryReportIsRetractedCountsNowhere() {
        feed(nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        feed(nib.retraction("n-2", "c-1", "n-1", "entered in error"), 2);

        CaseExplanation explained = CaseExplanation.of(replay.caseHistory("c-1").orElseThrow());

        assertThat(explained.region()).isNull();
        assertThat(explained.deported()).isFalse();
        assertThat(explained.events()).noneMatch(CaseExplanation.Line::decidesRegion);
    }

    private void feed(ReunificationEvent event, int second) {
        replay.accept(Topics.eventsTopic(event.getAgency()), event.getCaseId().getBytes(StandardCharsets.UTF_8), EventCodec.encode(event),
                T0.plusSeconds(second).toEpochMilli());
    }
}
