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
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CaseStore;
import org.reunify.streams.rules.CaseSummary;
import org.reunify.streams.rules.Position;
import org.reunify.streams.rules.StateKeys;

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
    private SerializedCases cases;
    private CaseRecord next;

    @Setup(Level.Trial)
    public void flood() {
        cases = new SerializedCases();
        for (int i = 0; i < position; i++) {
            CaseFold.apply(cases, retraction(i), CaseLimits.DEFAULT);
        }
        next = retraction(position);
        cases.freeze();
    }

    @Benchmark
    public CaseFold.Step foldTheNextEvent() {
        return CaseFold.apply(cases, next, CaseLimits.DEFAULT);
    }

    private CaseRecord retraction(int i) {
        return new CaseRecord(CaseEvent.of(flooder.retraction("x-" + i, "c-flood", "t-" + i, reason)), new Position(1_000L + i, 0, i));
    }

    /**
     * The cases' state as bytes, read and written through the topology's serdes. Frozen, it still serializes what is
     * written but keeps the state as it was, so that every invocation folds the same event into the same state.
     */
    private static final class SerializedCases implements CaseStore {
        private final Map<String, byte[]> values = new HashMap<>();
        private boolean frozen;
        private final Serde<CaseSummary> summaries = new CaseSummarySerde();
        private final Serde<AgencyShare> shares = new AgencyShareSerde();
        private final Serde<byte[]> markers = Serdes.ByteArray();

        @Override
        public CaseSummary summary(String caseId) {
            return summaries.deserializer().deserialize(ReunificationTopology.CASE_SUMMARIES, values.get("s" + caseId));
        }

        @Override
        public void putSummary(String caseId, CaseSummary summary) {
            put("s" + caseId, summaries.serializer().serialize(ReunificationTopology.CASE_SUMMARIES, summary));
        }

        @Override
        public AgencyShare share(String caseId, String agency) {
            return shares.deserializer().deserialize(ReunificationTopology.AGENCY_SHARES, values.get("a" + StateKeys.share(caseId, agency)));
        }

        @Override
        public void putShare(String caseId, String agency, AgencyShare share) {
            put("a" + StateKeys.share(caseId, agency), shares.serializer().serialize(ReunificationTopology.AGENCY_SHARES, share));
        }

        @Override
        public boolean isRetraction(String caseId, String agency, String eventId) {
            return values.containsKey("r" + StateKeys.retraction(caseId, agency, eventId));
        }

        @Override
        public void putRetraction(String caseId, String agency, String eventId) {
            put("r" + StateKeys.retraction(caseId, agency, eventId), markers.serializer().serialize(ReunificationTopology.RETRACTIONS, new byte[0]));
        }

        void freeze() {
            frozen = true;
        }

        private void put(String key, byte[] value) {
            if (!frozen) {
                values.put(key, value);
            }
        }
    }
}
