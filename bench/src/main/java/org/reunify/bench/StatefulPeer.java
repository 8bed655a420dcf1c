package org.reunify.bench;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.reunify.schemas.EventSerde;

/**
 * The stateful peer: the same job written with the stock DSL the way its documentation teaches it, by which reunify's
 * pipeline is measured. Events re-keyed by case id; a per-case aggregate of the case's reports ({@link PeerCase}), so
 * that re-deliveries and cross-agency copies count once and a retraction takes its target back; then
 * {@code groupBy(region)} with an adder and a subtractor into the totals; {@code exactly_once_v2}, default caching.
 *
 * <p>It leaves out what the counting rules add to that: a retraction of a retraction, the limits per case, refusals
 * (nothing reaches {@code reunification.rejected}), dates, the national tally (the bench adds the regions up), the
 * daily tallies, destinations and timeline. On the benchmark's history those make no difference to the totals, so
 * the peer's totals must equal the expected ones exactly, as the pipeline's must.
 */
final class StatefulPeer {

    static final String OUTPUT = "bench.peer-totals";
    static final String CASES = "peer-cases";
    static final String TOTALS = "peer-totals";

    private StatefulPeer() {}

    static Topology topology(List<String> inputs, Properties config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.String(), new EventSerde()).withName("peer-events"))
                .groupBy(
                        (key, event) -> event.getCaseId(),
                        Grouped.with("peer-by-case", Serdes.String(), new EventSerde()))
                .aggregate(
                        PeerCase::empty,
                        (caseId, event, reports) -> reports.with(event),
                        Named.as("peer-fold"),
                        Materialized.<String, PeerCase, KeyValueStore<Bytes, byte[]>>as(CASES)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(PeerCase.SERDE))
                .filter((caseId, reports) -> reports.region() != null, Named.as("peer-live-cases"))
                .groupBy(
                        (caseId, reports) -> KeyValue.pair(reports.region(), reports.counts()),
                        Grouped.with("peer-by-region", Serdes.String(), PeerCounts.SERDE))
                .aggregate(
                        () -> PeerCounts.ZERO,
                        (region, counts, total) -> total.plus(counts),
                        (region, counts, total) -> total.minus(counts),
                        Named.as("peer-sum"),
                        Materialized.<String, PeerCounts, KeyValueStore<Bytes, byte[]>>as(TOTALS)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(PeerCounts.SERDE))
                .toStream(Named.as("peer-changes"))
                .to(OUTPUT, Produced.with(Serdes.String(), PeerCounts.SERDE).withName("peer-output"));
        return builder.build(config);
    }
}
