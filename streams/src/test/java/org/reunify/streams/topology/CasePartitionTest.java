package org.reunify.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reunify.streams.topology.TopologyHarness.utf8;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topics;
import org.reunify.streams.runtime.PipelineStreams;
import org.reunify.streams.runtime.StreamsSettings;

/**
 * A record is folded where it is read when it lies on its case's partition, and moved there first when it does not;
 * both paths lead to the same fold and the same stores.
 */
class CasePartitionTest {

    private static final Instant T0 = Instant.parse("2025-12-01T10:00:00.000Z");
    private static final LocalDate MAY_2022 = LocalDate.of(2022, 5, 1);
    private static final int PARTITIONS = TopologySettings.DEFAULT_PARTITIONS;

    private final EventFactory nib = new EventFactory("nib", "test/1");
    private final EventFactory police = new EventFactory("national-police", "test/1");

    @TempDir
    Path stateDir;

    @Test
    void aCasesPartitionIsTheOneTheJavaProducerWritesItsCaseIdTo() {
        for (String caseId : List.of("c-1", "c-2", "b-00000042", "UA/case:7", "Ω")) {
            for (int partitions : List.of(1, 2, 6, 12, 100)) {
                assertThat(CasePartition.of(utf8(caseId), partitions))
                        .as("%s over %d partitions", caseId, partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(utf8(caseId), partitions));
            }
        }
    }

    @Test
    void aRecordOnItsCasesPartitionIsFoldedWhereItIsRead() {
        String caseId = caseOnPartition(0);
        try (TopologyHarness pipeline = new TopologyHarness(stateDir)) {
            pipeline.publish(nib.deportation("e-1", caseId, "UA-14", MAY_2022, "RU"), T0);

            assertThat(pipeline.movedToCasePartition()).isEmpty();
            assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 1, 0, T0));
        }
    }

    @Test
    void aRecordElsewhereIsMovedToItsCasesPartitionBeforeItIsFolded() {
        String caseId = caseOnPartition(1);
        try (TopologyHarness pipeline = new TopologyHarness(stateDir)) {
            pipeline.publish(nib.deportation("e-1", caseId, "UA-14", MAY_2022, "RU"), T0);

            assertThat(pipeline.movedToCasePartition())
                    .singleElement()
                    .satisfies(moved -> assertThat(moved.key()).isEqualTo(utf8(caseId)));
            assertThat(pipeline.total("UA-14")).isEqualTo(Tally.of("UA-14", 1, 0, T0));
        }
    }

    @Test
    void recordsOfOneCaseThatTookBothPathsMeetInOneState() {
        String here = caseOnPartition(0);
        String elsewhere = caseOnPartition(3);
        try (TopologyHarness pipeline = new TopologyHarness(stateDir)) {
            // The driver reads every record as partition 0: the first case's records are in place, the second's not.
            pipeline.publish(nib.deportation("e-1", here, "UA-14", MAY_2022, "RU"), T0);
            pipeline.publish(police.deportation("p-1", here, "UA-14", MAY_2022, "RU"), T0.plusSeconds(1));
            pipeline.publish(nib.deportation("e-2", elsewhere, "UA-65", MAY_2022, "RU"), T0.plusSeconds(2));
            pipeline.publish(police.deportation("p-2", elsewhere, "UA-65", MAY_2022, "RU"), T0.plusSeconds(3));
            pipeline.publish(nib.returned("r-2", elsewhere, "UA-65", LocalDate.of(2025, 6, 1)), T0.plusSeconds(4));

            assertThat(pipeline.movedToCasePartition()).hasSize(3);
            assertThat(pipeline.total("UA-14").deported()).isEqualTo(1);
            assertThat(pipeline.total("UA-65")).isEqualTo(Tally.of("UA-65", 1, 1, T0.plusSeconds(4)));
            assertThat(pipeline.total("UA").deported()).isEqualTo(2);
        }
    }

    @Test
    void theFoldReadsTheAgencyTopicsAndTheCaseEventsTopicInOneSubTopology() {
        List<String> agencyTopics = List.of(Topics.eventsTopic("nib"), Topics.eventsTopic("rchr"));
        StreamsSettings settings = new StreamsSettings(
                        "test:9092", "reunify", stateDir, 1, TopologySettings.defaults(), Map.of())
                .reading(agencyTopics);
        TopologyDescription description = PipelineStreams.topology(settings).describe();

        TopologyDescription.Subtopology fold = description.subtopologies().stream()
                .filter(subtopology -> subtopology.nodes().stream()
                        .anyMatch(node -> node.name().equals("fold-case")))
                .findFirst()
                .orElseThrow();
        List<String> sources = fold.nodes().stream()
                .filter(TopologyDescription.Source.class::isInstance)
                .map(node -> {
                    TopologyDescription.Source source = (TopologyDescription.Source) node;
                    return String.join(",", new TreeSet<>(source.topicSet()));
                })
                .toList();
        assertThat(sources)
                .containsExactlyInAnyOrder(
                        String.join(",", agencyTopics),
                        // described without the application id, which prefixes it on the broker
                        ReunificationTopology.CASE_EVENTS + "-repartition");
        assertThat(description.subtopologies()).hasSize(2);
    }

    private static String caseOnPartition(int partition) {
        return IntStream.range(0, 1_000)
                .mapToObj(i -> "c-" + i)
                .filter(caseId -> CasePartition.of(utf8(caseId), PARTITIONS) == partition)
                .findFirst()
                .orElseThrow();
    }
}
