package org.reunify.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reunify.streams.topology.TopologyHarness.header;
import static org.reunify.streams.topology.TopologyHarness.utf8;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.rules.CaseLimits;

/** docs/DESIGN.md's counting rules, one behaviour per test, on the real topology. */
class CountingRulesTopologyTest {

    private static final Instant T0 = Instant.parse("2025-12-01T10:00:00.000Z");
    private static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);
    private static final LocalDate JUNE_2025 = LocalDate.of(2025, 6, 1);

    private final EventFactory nib = new EventFactory("nib", "test/1");
    private final EventFactory police = new EventFactory("national-police", "test/1");

    @TempDir
    Path stateDir;

    private TopologyHarness pipeline;

    @BeforeEach
    void startPipeline() {
        pipeline = new TopologyHarness(stateDir);
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }

    @Test
    void aDeportationCountsInItsRegionAndNationally() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 1, 0, at(1)));
        assertThat(pipeline.total("UA")).isEqualTo(Tally.of("UA", 1, 0, at(1)));
    }

    @Test
    void aBurstOfEventsReachesTheTotalsAsOneSumPerRegionNotOneRecordPerEvent() {
        for (int i = 1; i <= 50; i++) {
            pipeline.publish(nib.deportation("e-" + i, "c-" + i, "UA-14", MAY_2022, "RU"), at(i));
        }

        assertThat(pipeline.totalsRecords())
                .containsExactlyInAnyOrder(Tally.of("UA-14", 50, 0, at(50)), Tally.of("UA", 50, 0, at(50)));
    }

    @Test
    void theSameCaseReportedByTwoAgenciesCountsOnce() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(police.deportation("p-77", "c-1", "UA-14", MAY_2022, null), at(2));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 1, 0, at(2)));
        assertThat(pipeline.total("UA").deported()).isEqualTo(1);
    }

    @Test
    void anExactRedeliveryIsIgnoredButDatesTheTally() {
        ReunificationEvent deportation = nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU");
        pipeline.publish(deportation, at(1));
        pipeline.publish(deportation, at(5));

        assertThat(pipeline.total("UA-14"))
                .as("decision #2: every valid record dates its case's tallies")
                .isEqualTo(Tally.of("UA-14", 1, 0, at(5)));
        assertThat(pipeline.rejected()).isEmpty();
    }

    @Test
    void aConflictingVersionReadFirstIsRefusedOnceTheEarlierOneIsRead() {
        ReunificationEvent appendedLater = nib.deportation("e-1", "c-1", "UA-09", MAY_2022, "RU");
        pipeline.publish(appendedLater, at(5));
        assertThat(pipeline.total("UA-09").deported()).isEqualTo(1);

        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(2));

        assertThat(pipeline.total("UA-14").deported()).isEqualTo(1);
        assertThat(pipeline.total("UA-09").deported()).isZero();
        assertThat(pipeline.rejected()).singleElement().satisfies(record -> {
            assertThat(header(record, Topics.REASON_HEADER)).startsWith("CONFLICTING_DUPLICATE");
            assertThat(record.value()).isEqualTo(EventCodec.encode(appendedLater));
            assertThat(record.key()).isEqualTo(utf8("c-1"));
            assertThat(header(record, Topics.SOURCE_OFFSET_HEADER))
                    .as("the record appended later, read first")
                    .isEqualTo("0");
        });
    }

    @Test
    void aConflictingDuplicateIsRejectedAndDoesNotCount() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        ReunificationEvent conflicting = nib.deportation("e-1", "c-1", "UA-09", MAY_2022, "RU");
        pipeline.publish(conflicting, at(2));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 1, 0, at(2)));
        assertThat(pipeline.total("UA-09").deported()).isZero();
        List<TestRecord<byte[], byte[]>> rejected = pipeline.rejected();
        assertThat(rejected).singleElement().satisfies(record -> {
            assertThat(header(record, Topics.REASON_HEADER)).startsWith("CONFLICTING_DUPLICATE");
            assertThat(record.value()).isEqualTo(EventCodec.encode(conflicting));
            assertThat(record.key()).isEqualTo(utf8("c-1"));
            assertThat(header(record, Topics.SOURCE_TOPIC_HEADER)).isEqualTo("reunification.events.nib");
            assertThat(header(record, Topics.SOURCE_OFFSET_HEADER)).isEqualTo("1");
        });
    }

    @Test
    void aRetractionAfterItsTargetTakesTheCaseOut() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(nib.retraction("e-2", "c-1", "e-1", "entered twice"), at(2));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 0, 0, at(2)));
        assertThat(pipeline.total("UA")).isEqualTo(Tally.of("UA", 0, 0, at(2)));
    }

    @Test
    void aRetractionBeforeItsTargetTakesEffectWhenTheTargetArrives() {
        pipeline.publish(nib.retraction("e-2", "c-1", "e-1", "sent by mistake"), at(1));
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(2));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 0, 0, at(2)));
        assertThat(pipeline.total("UA").deported()).isZero();
    }

    @Test
    void aRetractionByAnotherAgencyHasNoEffect() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(police.retraction("e-2", "c-1", "e-1", "not ours to retract"), at(2));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 1, 0, at(2)));
    }

    @Test
    void aRetractionOfARetractionIsRefusedEvenWhenItArrivesBeforeItsTarget() {
        ReunificationEvent undo = nib.retraction("e-3", "c-1", "e-2", "undo");
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(undo, at(2));
        pipeline.publish(nib.retraction("e-2", "c-1", "e-1", "entered twice"), at(3));

        assertThat(pipeline.total("UA-14").deported()).isZero();
        assertThat(pipeline.rejected()).singleElement().satisfies(record -> {
            assertThat(header(record, Topics.REASON_HEADER)).startsWith("RETRACTS_RETRACTION");
            assertThat(record.value()).isEqualTo(EventCodec.encode(undo));
        });
    }

    @Test
    void aRetractionCannotBeRetracted() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(nib.retraction("e-2", "c-1", "e-1", "entered twice"), at(2));
        pipeline.publish(nib.retraction("e-3", "c-1", "e-2", "undo"), at(3));

        assertThat(pipeline.total("UA-14").deported()).isZero();
        assertThat(pipeline.rejected())
                .singleElement()
                .satisfies(record ->
                        assertThat(header(record, Topics.REASON_HEADER)).startsWith("RETRACTS_RETRACTION"));
    }

    @Test
    void aReturnWithoutDeportationCountsAsDeportedAndReturned() {
        pipeline.publish(nib.returned("e-1", "c-1", "UA-65", JUNE_2025), at(1));

        assertThat(pipeline.total("UA-65")).isEqualTo(Tally.of("UA-65", 1, 1, at(1)));
        assertThat(pipeline.total("UA").outstanding()).isZero();
    }

    @Test
    void aReturnedCaseIsNoLongerOutstanding() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(nib.deportation("e-2", "c-2", "UA-14", MAY_2022, "RU"), at(2));
        pipeline.publish(police.returned("p-1", "c-1", "UA-14", JUNE_2025), at(3));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 2, 1, at(3)));
        assertThat(pipeline.total("UA-14").outstanding()).isEqualTo(1);
    }

    @Test
    void aLaterReportMovesTheCaseToItsRegion() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(police.deportation("p-1", "c-1", "UA-09", MAY_2022, "RU"), at(2));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 0, 0, at(2)));
        assertThat(pipeline.total("UA-09")).isEqualTo(Tally.of("UA-09", 1, 0, at(2)));
        assertThat(pipeline.total("UA")).isEqualTo(Tally.of("UA", 1, 0, at(2)));
    }

    @Test
    void theLatestDeportationDecidesTheRegionOverALaterReturn() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(police.returned("p-1", "c-1", "UA-32", JUNE_2025), at(2));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 1, 1, at(2)));
        assertThat(pipeline.total("UA-32")).isEqualTo(Tally.of("UA-32", 0, 0, at(2)));
    }

    @Test
    void anAppendTimeTieIsBrokenByTheGreaterAgencyAndEventId() {
        pipeline.publish(police.deportation("p-1", "c-1", "UA-09", MAY_2022, "RU"), at(1));
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));

        assertThat(pipeline.total("UA-14").deported())
                .as("'nib' > 'national-police'")
                .isEqualTo(1);
        assertThat(pipeline.total("UA-09").deported()).isZero();
    }

    @Test
    void retractingTheLaterReportMovesTheCaseBack() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(nib.deportation("e-2", "c-1", "UA-09", MAY_2022, "RU"), at(2));
        pipeline.publish(nib.retraction("e-3", "c-1", "e-2", "wrong region"), at(3));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 1, 0, at(3)));
        assertThat(pipeline.total("UA-09")).isEqualTo(Tally.of("UA-09", 0, 0, at(3)));
        assertThat(pipeline.total("UA")).isEqualTo(Tally.of("UA", 1, 0, at(3)));
    }

    @Test
    void retractingEveryReportRemovesTheCase() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(nib.returned("e-2", "c-1", "UA-14", JUNE_2025), at(2));
        pipeline.publish(nib.retraction("e-3", "c-1", "e-1", "not a deportation"), at(3));
        assertThat(pipeline.total("UA-14"))
                .as("the return alone still counts")
                .isEqualTo(Tally.of("UA-14", 1, 1, at(3)));

        pipeline.publish(nib.retraction("e-4", "c-1", "e-2", "not a return either"), at(4));

        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 0, 0, at(4)));
        assertThat(pipeline.total("UA")).isEqualTo(Tally.of("UA", 0, 0, at(4)));
    }

    @Test
    void theNationalTallySumsTheRegions() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(nib.deportation("e-2", "c-2", "UA-09", MAY_2022, "BY"), at(2));
        pipeline.publish(police.deportation("p-1", "c-3", "UA-65", MAY_2022, "OCCUPIED"), at(3));
        pipeline.publish(police.returned("p-2", "c-3", "UA-65", JUNE_2025), at(4));

        List<Tally> regions =
                pipeline.totals().values().stream().filter(t -> !t.isNational()).toList();
        assertThat(pipeline.total("UA").deported())
                .isEqualTo(3)
                .isEqualTo(regions.stream().mapToLong(Tally::deported).sum());
        assertThat(pipeline.total("UA").returned())
                .isEqualTo(1)
                .isEqualTo(regions.stream().mapToLong(Tally::returned).sum());
        assertThat(pipeline.total("UA").updatedAt()).isEqualTo(at(4));
    }

    @Test
    void undecodableBytesGoToRejectedUntouchedWithTheirReasonAndSource() {
        byte[] garbage = {0x01, 0x02, 0x03};
        RecordHeaders forged = new RecordHeaders();
        forged.add(Topics.REASON_HEADER, utf8("all fine"));
        pipeline.publishRaw("reunification.events.nib", utf8("c-1"), garbage, forged, at(1));

        assertThat(pipeline.rejected()).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(garbage);
            assertThat(record.key()).isEqualTo(utf8("c-1"));
            assertThat(header(record, Topics.REASON_HEADER)).startsWith("UNDECODABLE");
            assertThat(record.headers().headers(Topics.REASON_HEADER)).hasSize(1);
            assertThat(header(record, Topics.SOURCE_TOPIC_HEADER)).isEqualTo("reunification.events.nib");
            assertThat(header(record, Topics.SOURCE_PARTITION_HEADER)).isEqualTo("0");
            assertThat(header(record, Topics.SOURCE_OFFSET_HEADER)).isEqualTo("0");
        });
        assertThat(pipeline.totals()).isEmpty();
    }

    @Test
    void anEventNamingAnotherAgencyThanItsTopicIsRejected() {
        ReunificationEvent forged = police.deportation("p-1", "c-1", "UA-14", MAY_2022, "RU");
        pipeline.publishRaw("reunification.events.nib", utf8("c-1"), EventCodec.encode(forged), at(1));

        assertThat(pipeline.rejected())
                .singleElement()
                .satisfies(record ->
                        assertThat(header(record, Topics.REASON_HEADER)).startsWith("AGENCY_MISMATCH"));
        assertThat(pipeline.total("UA").deported()).isZero();
    }

    @Test
    void aRecordKeyedByAnythingButItsCaseIsRejected() {
        byte[] event = EventCodec.encode(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"));
        pipeline.publishRaw("reunification.events.nib", utf8("c-2"), event, at(1));
        pipeline.publishRaw("reunification.events.nib", null, event, at(2));

        assertThat(pipeline.rejected())
                .extracting(record -> header(record, Topics.REASON_HEADER))
                .allSatisfy(reason -> assertThat(reason).startsWith("KEY_MISMATCH"))
                .hasSize(2);
        assertThat(pipeline.total("UA").deported()).isZero();
    }

    @Test
    void anEventBreakingAFieldRuleIsRejectedWithTheRule() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA44", MAY_2022, "RU"), at(1));

        assertThat(pipeline.rejected())
                .singleElement()
                .satisfies(record -> assertThat(header(record, Topics.REASON_HEADER))
                        .startsWith("INVALID_EVENT: region 'UA44'")
                        .endsWith("whose ISO code is UA-09"));
    }

    @Test
    void anEventThatOccurredAfterItsAppendDayIsRejected() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", LocalDate.of(2025, 12, 2), "RU"), at(1));

        assertThat(pipeline.rejected())
                .singleElement()
                .satisfies(record -> assertThat(header(record, Topics.REASON_HEADER))
                        .isEqualTo("INVALID_EVENT: occurredOn 2025-12-02 is after the day it is published "
                                + "(2025-12-01, Kyiv time)"));
    }

    @Test
    void thePipelineKeepsCountingAfterBadRecords() {
        pipeline.publishRaw("reunification.events.nib", utf8("c-1"), new byte[] {(byte) 0xC3, 0x01, 9, 9}, at(1));
        pipeline.publishRaw("reunification.events.nib", null, null, at(2));
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(3));

        assertThat(pipeline.rejected()).hasSize(2);
        assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 1, 0, at(3)));
    }

    @Test
    void updatedAtIsTheGreatestAppendTimeOfTheEventsThatShapedTheTally() {
        pipeline.publish(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU"), at(1));
        pipeline.publish(nib.deportation("e-2", "c-2", "UA-09", MAY_2022, "RU"), at(2));
        pipeline.publish(police.deportation("p-1", "c-1", "UA-14", MAY_2022, "RU"), at(3));

        assertThat(pipeline.total("UA-14").updatedAt()).as("corroborated at 3").isEqualTo(at(3));
        assertThat(pipeline.total("UA-09").updatedAt()).isEqualTo(at(2));
        assertThat(pipeline.total("UA").updatedAt()).isEqualTo(at(3));
    }

    @Test
    void anOversizedValueIsRefusedWithItsFirst64KiBItsSizeAndItsDigest() {
        byte[] huge = new byte[Refusal.MAX_RECORD_PART_BYTES * 3];
        Arrays.fill(huge, (byte) 'x');
        pipeline.publishRaw("reunification.events.nib", utf8("c-1"), huge, at(1));

        assertThat(pipeline.rejected()).singleElement().satisfies(record -> {
            assertThat(header(record, Topics.REASON_HEADER)).startsWith("OVERSIZED");
            assertThat(record.value()).isEqualTo(Arrays.copyOf(huge, Refusal.MAX_RECORD_PART_BYTES));
            assertThat(header(record, Topics.SOURCE_SIZE_HEADER)).isEqualTo(Integer.toString(huge.length));
            assertThat(header(record, Topics.SOURCE_SHA256_HEADER)).isEqualTo(sha256(huge));
            assertThat(record.key()).isEqualTo(utf8("c-1"));
        });
    }

    @Test
    void anOversizedKeyIsCutLikeAValue() {
        byte[] key = new byte[Refusal.MAX_RECORD_PART_BYTES + 1];
        pipeline.publishRaw(
                "reunification.events.nib",
                key,
                EventCodec.encode(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU")),
                at(1));

        assertThat(pipeline.rejected()).singleElement().satisfies(record -> {
            assertThat(header(record, Topics.REASON_HEADER)).startsWith("OVERSIZED");
            assertThat(record.key()).hasSize(Refusal.MAX_RECORD_PART_BYTES);
            assertThat(header(record, Topics.SOURCE_KEY_SIZE_HEADER)).isEqualTo(Integer.toString(key.length));
        });
        assertThat(pipeline.total("UA").deported()).isZero();
    }

    @Test
    void forgedSourceHeadersChangeNeitherTheCountNorWhereARefusalPoints() {
        RecordHeaders forged = new RecordHeaders();
        forged.add(Topics.SOURCE_TOPIC_HEADER, utf8("reunification.events.national-police"));
        forged.add(Topics.SOURCE_PARTITION_HEADER, utf8("7"));
        forged.add(Topics.SOURCE_OFFSET_HEADER, utf8("99"));
        pipeline.publishRaw(
                "reunification.events.nib",
                utf8("c-1"),
                EventCodec.encode(nib.deportation("e-1", "c-1", "UA-14", MAY_2022, "RU")),
                forged,
                at(1));
        pipeline.publishRaw(
                "reunification.events.nib",
                utf8("c-2"),
                EventCodec.encode(police.deportation("p-1", "c-2", "UA-14", MAY_2022, "RU")),
                forged,
                at(2));

        assertThat(pipeline.total("UA-14").deported()).isEqualTo(1);
        assertThat(pipeline.rejected()).singleElement().satisfies(record -> {
            assertThat(header(record, Topics.REASON_HEADER)).startsWith("AGENCY_MISMATCH");
            assertThat(header(record, Topics.SOURCE_TOPIC_HEADER)).isEqualTo("reunification.events.nib");
            assertThat(header(record, Topics.SOURCE_PARTITION_HEADER)).isEqualTo("0");
            assertThat(header(record, Topics.SOURCE_OFFSET_HEADER)).isEqualTo("1");
            assertThat(record.headers().toArray())
                    .as("only the stream's own headers")
                    .hasSize(4);
        });
    }

    @Test
    void anAgencyPastItsLimitInACaseIsRefusedWhileTheCountGoesOn(@TempDir Path limitedState) {
        try (TopologyHarness limited =
                new TopologyHarness(limitedState, TopologySettings.defaults().withLimits(new CaseLimits(3, 2)))) {
            for (int i = 1; i <= 10; i++) {
                limited.publish(nib.retraction("x-" + i, "c-1", "nothing-" + i, "flood"), at(i));
            }
            limited.publish(police.deportation("p-1", "c-1", "UA-14", MAY_2022, "RU"), at(20));

            assertThat(limited.rejected())
                    .hasSize(7)
                    .allSatisfy(record ->
                            assertThat(header(record, Topics.REASON_HEADER)).startsWith("CASE_LIMIT"));
            assertThat(limited.total("UA-14").deported()).isEqualTo(1);
        }
    }

    @Test
    void anAgencyNeverSeenBeforeIsCounted() {
        EventFactory newcomer = new EventFactory("rchr", "test/1");
        pipeline.publish(newcomer.deportation("r-1", "c-9", "UA-43", MAY_2022, "RU"), at(1));

        assertThat(pipeline.total("UA-43")).isEqualTo(Tally.of("UA-43", 1, 0, at(1)));
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
