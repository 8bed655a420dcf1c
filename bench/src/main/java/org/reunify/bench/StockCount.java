package org.reunify.bench;

import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.reunify.schemas.EventSerde;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * The stock baseline: what Kafka Streams does with the same events and no counting rules, a
 * {@code groupBy(region).count()} with the same Avro decoding and {@code exactly_once_v2}. It counts every event
 * that names a region, duplicates included; it is the speed of a streams app, not a right answer.
 */
final class StockCount {

    static final String OUTPUT = "bench.stock-counts";

    private StockCount() {}

    static Topology topology(Pattern input, Properties config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), new EventSerde()).withName("stock-events"))
                .filter((caseId, event) -> region(event) != null)
                .groupBy(
                        (caseId, event) -> region(event),
                        Grouped.with("stock-by-region", Serdes.String(), new EventSerde()))
                .count(Materialized.as("stock-counts"))
                .toStream()
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.Long()).withName("stock-output"));
        return builder.build(config);
    }

    private static String region(ReunificationEvent event) {
        Object body = event.getBody();
        if (body instanceof DeportationReported deportation) {
            return deportation.getRegion();
        }
        if (body instanceof ReturnConfirmed returned) {
            return returned.getRegion();
        }
        return null;
    }
}
