package org.reunify.streams;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.reunify.schemas.EventFactory;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CaseTables;
import org.reunify.streams.rules.Position;

/**
 * DESIGN.md "Limits": the cost of counting one event does not grow with the length of its case's history. One agency
 * floods one case; the benchmark folds the flood's next event when {@code position} events are already in it, through
 * the state stores' own serdes (each value read and written as bytes, as RocksDB holds them). The figures for 10 and
 * for 5,000 should be the same once the flood is past the limit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaseFloodBenchmark {

    private static final LocalDate DAY = LocalDate.of(2022, 5, 1);

    @Param({"10", "100", "1000", "5000"})
    public int position;

    private final EventFactory flooder = new EventFactory("rchr", "reunify-bench/1");
    private final String reason = "помилка в записі ".repeat(30).substring(0, 500);
    private final boolean[] frozen = {false};
    private CaseTables cases;
    private CaseRecord next;

    @Setup(Level.Trial)
    public void flood() {
        cases = new CaseTables(
                new SerializedTable<>(new CaseSummarySerde(), ReunificationTopology.CASE_SUMMARIES, frozen),
                new SerializedTable<>(new AgencyShareSerde(), ReunificationTopology.AGENCY_SHARES, frozen),
                new SerializedTable<>(Serdes.Boolean(), ReunificationTopology.RETRACTIONS, frozen));
        for (int i = 0; i < position; i++) {
            CaseFold.apply(cases, retraction(i), CaseLimits.DEFAULT);
        }
        next = retraction(position);
        frozen[0] = true;
    }

    @Benchmark
    public CaseFold.Step foldTheNextEvent() {
        return CaseFold.apply(cases, next, CaseLimits.DEFAULT);
    }

    private CaseRecord retraction(int i) {
        return new CaseRecord(
                CaseEvent.of(flooder.retraction("x-" + i, "c-flood", "t-" + i, reason)),
                new Position(1_000L + i, 0, i));
    }

    /**
     * A table of the cases' state as bytes, read and written through the topology's serdes. Frozen, it still serializes
     * what is written but keeps the state as it was, so that every invocation folds the same event into the same state.
     */
    private static final class SerializedTable<V> implements CaseTables.Table<V> {
        private final Map<String, byte[]> values = new HashMap<>();
        private final Serde<V> serde;
        private final String store;
        private final boolean[] frozen;

        SerializedTable(Serde<V> serde, String store, boolean[] frozen) {
            this.serde = serde;
            this.store = store;
            this.frozen = frozen;
        }

        @Override
        public V get(String key) {
            return serde.deserializer().deserialize(store, values.get(key));
        }

        @Override
        public void put(String key, V value) {
            byte[] bytes = serde.serializer().serialize(store, value);
            if (!frozen[0]) {
                values.put(key, bytes);
            }
        }
    }
}
