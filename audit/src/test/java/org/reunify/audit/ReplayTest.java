package org.reunify.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.CaseHistory;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay applies the stream's rules to records as they lie in the agency topics. */
class ReplayTest {

    private static final Instant T0 = Instant.parse("2025-12-01T10:00:00Z");
    private static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);

    private final EventFactory nib = new EventFactory("nib", "test/1");
    private final EventFactory police = new EventFactory("national-police", "test/1");
    private final Replay replay = new Replay();

    @Test
    void talliesListEveryRegionAndTheNationWithTheDeDuplicatedCounts() {
        feed(nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        feed(police.deportation("p-1", "c-1", "UA-14", MAY_2022, null), 2);
        feed(nib.returned("n-2", "c-2", "UA-65", MAY_2022), 3);

        assertThat(replay.tallies()).hasSize(28)
                .contains(Tally.of("UA", 2, 1, at(3)), Tally.of("UA-14", 1, 0, at(2)), Tally.of("UA-65", 1, 1, at(3)));
    }

    @Test
    void refusedRecordsAreCountedByReasonCodeAndDoNotCount() {
        feed(nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        feed(nib.deportation("n-1", "c-1", "UA-09", MAY_2022, "RU"), 2);
        replay.accept(Topics.eventsTopic("nib"), bytes("c-9"), bytes("not an event"), at(3).toEpochMilli());
        replay.accept(Topics.eventsTopic("nib"), bytes("c-8"), EventCodec.encode(police.deportation("p-1", "c-8", "UA-14", MAY_2022, null)),
                at(4).toEpochMilli());

        assertThat(replay.refusals()).isEqualTo(Map.of("CONFLICTING_DUPLICATE", 1L, "UNDECODABLE", 1L, "AGENCY_MISMATCH", 1L));
        assertThat(replay.records()).isEqualTo(4);
        assertThat(replay.tallies()).contains(Tally.of("UA", 1, 0, at(1)));
    }

    @Test
    void theCasesInARegionAreThoseWhoseStandingPutsThemThere() {
        feed(nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        feed(nib.deportation("n-2", "c-2", "UA-14", MAY_2022, "RU"), 2);
        feed(police.deportation("p-1", "c-2", "UA-09", MAY_2022, null), 3);
        feed(nib.deportation("n-3", "c-3", "UA-14", MAY_2022, "RU"), 4);
        feed(nib.retraction("n-4", "c-3", "n-3", "entered twice"), 5);

        assertThat(replay.casesIn("UA-14")).extracting(CaseHistory::caseId).containsExactly("c-1");
        assertThat(replay.casesIn("UA-09")).extracting(CaseHistory::caseId).containsExactly("c-2");
        assertThat(replay.casesIn("UA")).extracting(CaseHistory::caseId).containsExactly("c-1", "c-2");
    }

    @Test
    void aCaseHistoryHoldsOnlyItsAcceptedEvents() {
        ReunificationEvent deportation = nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU");
        feed(deportation, 1);
        feed(deportation, 2);

        assertThat(replay.caseHistory("c-1")).get().extracting(history -> history.events().size()).isEqualTo(1);
        assertThat(replay.caseHistory("c-404")).isEmpty();
    }

    private void feed(ReunificationEvent event, int second) {
        replay.accept(Topics.eventsTopic(event.getAgency()), bytes(event.getCaseId()), EventCodec.encode(event), at(second).toEpochMilli());
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
