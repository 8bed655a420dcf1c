package org.reunify.streams.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TimelineEntry;
import org.reunify.schemas.Topic;
import org.reunify.schemas.Topics;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.serdes.CaseStateSerde;
import org.reunify.streams.serdes.CountsSerde;
import org.reunify.streams.serdes.Received;
import org.reunify.streams.serdes.ReceivedSerde;

/**
 * The pipeline as a Kafka Streams topology:
 *
 * <pre>
 * reunification.events.*  ─ receive ─▶ case-events ─ fold-case ─ collect-changes ─▶ tally-changes
 *    (every agency)          │      (repartition       [cases]           [pending-changes]   (repartition
 *                            │       by case id)       [case-retractions]                     by tally)
 *                            ▼                                                                     │
 *              reunification.rejected ◀──────────────────────┘                                sum-tallies
 *                                                                                       [tallies] [daily-tallies]
 *                                                                                                  │
 *      reunification.totals, reunification.totals.daily ◀──┴──▶ reunification.destinations, reunification.timeline
 * </pre>
 *
 * The agency topics are read by name, as {@link TopologySettings#agencyTopics} lists them: the streams app builds the
 * topology again for a new set (docs/decisions.md #33). The repartition by case id is what makes the count right
 * whatever the partition counts and partitioners: all records of a case, from every agency, meet in one task and its
 * stores. A record fold-case refuses late, after it was counted or ignored as a copy, is read back from its agency
 * topic ({@link TopologySettings#heldRecords}, decision #41).
 */
public final class ReunificationTopology {

    public static final String CASE_EVENTS = "case-events";
    /**
     * Per case: what decides where it counts, and each agency's records about it within the limits, with when each
     * was appended and what it says happened when (decision #34).
     */
    public static final String CASES = "cases";
    /**
     * Per case, agency and eventId: the eventIds under which the agency sent a retraction about the case, with the
     * append time of the first.
     */
    public static final String RETRACTIONS = "case-retractions";
    /** This task's changes per region, summed until they are handed on. */
    public static final String PENDING_STORE = "pending-changes";

    /** Tally changes summed per task, on their way to the task of their tally. */
    public static final String TALLY_CHANGES = "tally-changes";
    /** The current tally of every region and destination, and every month of every region's timeline. */
    public static final String TALLY_STORE = "tallies";
    /** Every region's tally at the end of each Kyiv day on which it changed. */
    public static final String DAILY_STORE = "daily-tallies";

    private ReunificationTopology() {}

    /** The repartition topics Kafka Streams makes for this topology under an application id. */
    public static List<String> repartitionTopics(String applicationId) {
        return List.of(
                applicationId + "-" + CASE_EVENTS + "-repartition",
                applicationId + "-" + TALLY_CHANGES + "-repartition");
    }

    /**
     * Every topic Kafka Streams makes for this topology under an application id: its repartition topics and changelogs.
     */
    public static List<String> internalTopics(String applicationId) {
        List<String> topics = new ArrayList<>(repartitionTopics(applicationId));
        topics.addAll(changelogTopics(applicationId).values());
        return topics;
    }

    /** The changelog topic of every store of this topology under an application id, by the store's name. */
    public static Map<String, String> changelogTopics(String applicationId) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String store : List.of(CASES, RETRACTIONS, PENDING_STORE, TALLY_STORE, DAILY_STORE)) {
            topics.put(store, applicationId + "-" + store + "-changelog");
        }
        return topics;
    }

    /** @throws IllegalArgumentException when the settings name no agency topic: there would be nothing to count */
    public static void build(StreamsBuilder builder, TopologySettings settings) {
        if (settings.agencyTopics().isEmpty()) {
            throw new IllegalArgumentException("the topology reads the agency topics, and none is named");
        }
        builder.addStateStore(persistent(CASES, new CaseStateSerde()));
        builder.addStateStore(persistent(RETRACTIONS, Serdes.Long()));

        Map<String, KStream<byte[], RecordOutcome>> received = builder.stream(
                        settings.agencyTopics(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                                .withName("agency-events")
                                .withOffsetResetPolicy(AutoOffsetReset.earliest()))
                .process(() -> new ReceiveRecord(settings.partitions(), settings.metrics()), Named.as("receive"))
                .split(Named.as("received-"))
                .branch((key, outcome) -> outcome.isRefused(), Branched.as("refused"))
                .branch((key, outcome) -> outcome.route() == RecordOutcome.Route.FOLD_IN_PLACE, Branched.as("in-place"))
                .defaultBranch(Branched.as("elsewhere"));
        sendToRejected(received.get("received-refused"), "refused-on-receipt");

        KStream<byte[], Received> movedToCase = received.get("received-elsewhere")
                .mapValues(RecordOutcome::received, Named.as("to-case-partition"))
                .repartition(Repartitioned.<byte[], Received>as(CASE_EVENTS)
                        .withKeySerde(Serdes.ByteArray())
                        .withValueSerde(new ReceivedSerde())
                        .withNumberOfPartitions(settings.partitions()));
        // One fold for both paths: the stores tie them into one sub-topology, whose task for partition p reads
        // partition p of every agency topic and of case-events.
        Map<String, KStream<byte[], RecordOutcome>> folded = received.get("received-in-place")
                .mapValues(RecordOutcome::received, Named.as("in-place-records"))
                .merge(movedToCase, Named.as("case-records"))
                .processValues(
                        () -> new FoldCase(settings.limits(), settings.metrics(), settings.heldRecords()),
                        Named.as("fold-case"),
                        CASES,
                        RETRACTIONS)
                .split(Named.as("folded-"))
                .branch((key, outcome) -> outcome.isRefused(), Branched.as("refused"))
                .defaultBranch(Branched.as("counted"));
        sendToRejected(folded.get("folded-refused"), "refused-by-rules");

        CountsSerde countsSerde = new CountsSerde();
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_STORE), TallyChange.SERDE, countsSerde)
                        .withCachingEnabled());
        builder.addStateStore(persistent(TALLY_STORE, countsSerde));
        builder.addStateStore(persistent(DAILY_STORE, countsSerde));
        Map<String, KStream<TallyChange, Counts>> sums = folded.get("folded-counted")
                .process(
                        () -> new CollectChanges(PENDING_STORE, settings.handOnInterval()),
                        Named.as("collect-changes"),
                        PENDING_STORE)
                // Fixed, like case-events: agency topics given more partitions must not change the tally tasks.
                .repartition(Repartitioned.<TallyChange, Counts>as(TALLY_CHANGES)
                        .withKeySerde(TallyChange.SERDE)
                        .withValueSerde(countsSerde)
                        .withNumberOfPartitions(settings.partitions())
                        .withStreamPartitioner(TallyChange.byTally()))
                .process(SumTallies::new, Named.as("sum-tallies"), TALLY_STORE, DAILY_STORE)
                .split(Named.as("sums-"))
                .branch((change, sum) -> change.kind() == TallyChange.Kind.DESTINATION, Branched.as("destination"))
                .branch((change, sum) -> change.kind() == TallyChange.Kind.TIMELINE, Branched.as("timeline"))
                .branch((change, sum) -> change.isDaily(), Branched.as("daily"))
                .defaultBranch(Branched.as("region"));
        publish(sums.get("sums-region"), Topics.TOTALS, (change, sum) -> sum.toTally(change.code()));
        publish(
                sums.get("sums-destination"),
                Topics.DESTINATIONS,
                (change, sum) -> sum.toTally(Breakdown.destination, change.code()));
        publish(
                sums.get("sums-daily"),
                Topics.TOTALS_DAILY,
                (change, sum) -> sum == null ? null : sum.toTally(change.code()).on(change.day()));
        // A month that no longer counts a case, like a day whose changes came to nothing, comes as null: a tombstone.
        publish(
                sums.get("sums-timeline"),
                Topics.TIMELINE,
                (change, sum) -> sum == null ? null : timelineEntry(change.code(), sum));
    }

    /** @param key {@code UA-14/2022-04} */
    private static TimelineEntry timelineEntry(String key, Counts sum) {
        int slash = key.indexOf('/');
        return TimelineEntry.of(key.substring(0, slash), key.substring(slash + 1), sum.deported(), sum.returned());
    }

    /** Publishes the sums of one kind of tally to its topic, under the code (and day) of the tally. */
    private static <V> void publish(
            KStream<TallyChange, Counts> sums, Topic<String, V> topic, BiFunction<TallyChange, Counts, V> toTally) {
        String name = topic.name().substring("reunification.".length());
        sums.map(
                        (change, sum) ->
                                KeyValue.pair(Tally.topicKey(change.code(), change.day()), toTally.apply(change, sum)),
                        Named.as("to-" + name))
                .to(
                        topic.name(),
                        Produced.with(topic.keySerde(), topic.valueSerde()).withName(name));
    }

    // No record cache: the cases are many and a case's events far apart, so the cache seldom merges two writes, while
    // its sorted map and flushes took half of the stream thread (decision #22).
    private static <V> StoreBuilder<KeyValueStore<String, V>> persistent(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }

    /** Refusals carry their reason and source in headers set where they were decided; the value is what is kept. */
    private static void sendToRejected(KStream<byte[], RecordOutcome> refused, String name) {
        refused.mapValues(RecordOutcome::value, Named.as(name + "-bytes"))
                .to(
                        Topics.REJECTED.name(),
                        Produced.with(Topics.REJECTED.keySerde(), Topics.REJECTED.valueSerde())
                                .withName(name));
    }
}
