package org.reunify.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.reunify.audit.AgencyTopics.MAY_2022;

import org.junit.jupiter.api.Test;

/** An explanation says, for every record of a case, what the rules made of it and which report decides the region. */
class CaseExplanationTest {

    private final AgencyTopics topics = new AgencyTopics();

    @Test
    void aRetractedReportNamesItsRetractionAndTheLatestLiveReportDecidesTheRegion() {
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        topics.append(topics.police.deportation("p-1", "c-1", "UA-09", MAY_2022, null), 2);
        topics.append(topics.police.retraction("p-2", "c-1", "p-1", "wrong region"), 3);

        CaseExplanation explained = topics.replay.explain("c-1").orElseThrow();

        assertThat(explained.region()).isEqualTo("UA-14");
        assertThat(explained.events())
                .extracting(
                        CaseExplanation.Line::eventId,
                        CaseExplanation.Line::status,
                        CaseExplanation.Line::decidesRegion)
                .containsExactly(
                        tuple("n-1", "live", true),
                        tuple("p-1", "retracted by national-police/p-2", false),
                        tuple("p-2", "retracts national-police/p-1", false));
    }

    @Test
    void aCaseWhoseEveryReportIsRetractedCountsNowhere() {
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        topics.append(topics.nib.retraction("n-2", "c-1", "n-1", "entered in error"), 2);

        CaseExplanation explained = topics.replay.explain("c-1").orElseThrow();

        assertThat(explained.region()).isNull();
        assertThat(explained.deported()).isFalse();
        assertThat(explained.events()).noneMatch(CaseExplanation.Line::decidesRegion);
    }

    @Test
    void copiesAndRefusedRecordsAreShownForWhatTheyAre() {
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 1);
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-14", MAY_2022, "RU"), 2);
        topics.append(topics.nib.deportation("n-1", "c-1", "UA-09", MAY_2022, "RU"), 3);

        CaseExplanation explained = topics.replay.explain("c-1").orElseThrow();

        assertThat(explained.events())
                .extracting(CaseExplanation.Line::reportedAt, CaseExplanation.Line::status)
                .containsExactly(
                        tuple(AgencyTopics.at(1), "live"),
                        tuple(AgencyTopics.at(2), "copy, ignored"),
                        tuple(AgencyTopics.at(3), "refused CONFLICTING_DUPLICATE"));
    }
}
