package org.reunify.bench;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.reunify.streams.rules.CaseState;
import org.reunify.streams.rules.CaseStore;
import org.reunify.streams.rules.Position;
import org.reunify.streams.rules.StateKeys;
import org.reunify.streams.serdes.CaseStateSerde;
import org.reunify.streams.topology.ReunificationTopology;

/**
 * docs/DESIGN.md "Limits": the cost of counting one event does not grow with the length of its case's history. One
 * agency floods one case; the benchmark folds the flood's next event when {@code position} events are already in it,
 * through the state stores' own serdes (each value read and written as bytes, as RocksDB holds them). The figures for
 * 10 and for 5,000 should be the same once the flood is past the limit.
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
    private final SerializedCases cases = new SerializedCases();
    private CaseRecord next;

    @Setup(Level.Trial)
    public void flood() {
        for (int i = 0; i < position; i++) {
            CaseFold.apply(cases, retraction(i), CaseLimits.DEFAULT);
            cases.save();
        }
        next = retraction(position);
        cases.frozen = true;
    }

    @Benchmark
    public CaseFold.Step foldTheNextEvent() {
        CaseFold.Step step = CaseFold.apply(cases, next, CaseLimits.DEFAULT);
        cases.save();
        return step;
    }

    private CaseRecord retraction(int i) {
        return new CaseRecord(
                CaseEvent.of(flooder.retraction("x-" + i, "c-flood", "t-" + i, reason)),
                new Position(1_000L + i, 0, i));
    }

    /**
     * One case's state as bytes, read and written through the topology's serde, as the stream reads and writes it once
     * for each record. Frozen, it still serializes what is written but keeps the state as it was, so that every
     * invocation folds the same event into the same state.
     */
    private static final class SerializedCases implements CaseStore {
        private final CaseStateSerde serde = new CaseStateSerde();
        private final Map<String, Long> retractions = new HashMap<>();
        private byte[] stored;
        private CaseState state;
        boolean frozen;

        @Override
        public CaseState state(String caseId) {
            state = stored == null
                    ? new CaseState()
                    : serde.deserializer().deserialize(ReunificationTopology.CASES, stored);
            return state;
        }

        void save() {
            byte[] bytes = serde.serializer().serialize(ReunificationTopology.CASES, state);
            if (!frozen) {
                stored = bytes;
            }
        }

        @Override
        public long firstRetraction(String caseId, String agency, String eventId) {
            return retractions.getOrDefault(StateKeys.retraction(caseId, agency, eventId), NO_RETRACTION);
        }

        @Override
        public void putRetraction(String caseId, String agency, String eventId, long reportedAt) {
            if (!frozen) {
                retractions.put(StateKeys.retraction(caseId, agency, eventId), reportedAt);
            }
        }
    }
}
