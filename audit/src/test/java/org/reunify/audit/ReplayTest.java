package org.reunify.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reunify.audit.AgencyTopics.MAY_2022;
import static org.reunify.audit.AgencyTopics.at;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;

/** The replay applies the stream's rules to records as they lie in the agency topics. */
class ReplayTest {

    private final AgencyTopics topics = new AgencyTopics();
    private final Replay replay = topics.replay;

    @Test
    void talliesListEveryRegionAndTheNationWithTheDeDuplicatedCounts() {
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        topics.append(topics.police.deportation("p-1", "c-1", "UA-14", MAY_2022, null), 2);
        topics.append(topics.nib.returned("n-2", "c-2", "UA-65", MAY_2022), 3);

        assertThat(replay.tallies())
                .hasSize(28)
                .contains(Tally.of("UA", 2, 1, at(3)), Tally.of("UA-14", 1, 0, at(2)), Tally.of("UA-65", 1, 1, at(3)));
    }

    @Test
    void destinationTalliesListEveryDestinationSeenAndUnknownWithTheCasesCountedThere() {
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        topics.append(topics.police.deportation("p-1", "c-1", "UA-14", MAY_2022, "KP"), 2);
        topics.append(topics.nib.deportation("n-2", "c-2", "UA-65", MAY_2022, "OCCUPIED"), 3);
        topics.append(topics.nib.returned("n-3", "c-2", "UA-65", MAY_2022), 4);

        assertThat(replay.destinationTallies())
                .containsExactly(
                        Tally.of(Breakdown.destination, "KP", 1, 0, at(2)),
                        Tally.of(Breakdown.destination, "OCCUPIED", 1, 1, at(4)),
                        Tally.of(Breakdown.destination, "RU", 0, 0, at(2)),
                        Tally.of(Breakdown.destination, "UNKNOWN", 0, 0, at(4)));
    }

    @Test
    void refusedRecordsAreCountedByReasonCodeAndDoNotCount() {
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-09", MAY_2022, "RU"), 2);
        topics.appendRaw(Topics.eventsTopic("nib"), "c-9", "not an event".getBytes(StandardCharsets.UTF_8), 3);
        topics.appendRaw(
                Topics.eventsTopic("nib"),
                "c-8",
                EventCodec.encode(topics.police.deportation("p-1", "c-8", "UA-14", MAY_2022, null)),
                4);

        assertThat(replay.refusals())
                .isEqualTo(Map.of(
                        Refusal.CONFLICTING_DUPLICATE, 1L, Refusal.UNDECODABLE, 1L, Refusal.AGENCY_MISMATCH, 1L));
        assertThat(replay.records()).isEqualTo(4);
        assertThat(replay.tallies())
                .as("the refused version dates the case's tallies (decision #2)")
                .contains(Tally.of("UA", 1, 0, at(2)));
    }

    @Test
    void theCasesInARegionAreThoseWhoseStandingPutsThemThere() {
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        topics.append(topics.nib.deportation("n-2", "c-2", "UA-14", MAY_2022, "RU"), 2);
        topics.append(topics.police.deportation("p-1", "c-2", "UA-09", MAY_2022, null), 3);
        topics.append(topics.nib.deportation("n-3", "c-3", "UA-14", MAY_2022, "RU"), 4);
        topics.append(topics.nib.retraction("n-4", "c-3", "n-3", "entered twice"), 5);

        assertThat(replay.explainCasesIn("UA-14"))
                .extracting(CaseExplanation::caseId)
                .containsExactly("c-1");
        assertThat(replay.explainCasesIn("UA-09"))
                .extracting(CaseExplanation::caseId)
                .containsExactly("c-2");
        assertThat(replay.explainCasesIn("UA"))
                .extracting(CaseExplanation::caseId)
                .containsExactly("c-1", "c-2");
    }

    @Test
    void onlyACaseWithAValidRecordCanBeExplained() {
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        topics.appendRaw(Topics.eventsTopic("nib"), "c-9", "not an event".getBytes(StandardCharsets.UTF_8), 2);

        assertThat(replay.explain("c-1")).isPresent();
        assertThat(replay.explain("c-9")).isEmpty();
        assertThat(replay.explain("c-404")).isEmpty();
    }
}
