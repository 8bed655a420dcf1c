package org.reunify.bench;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
import org.reunify.streams.rules.CasesOnHeap;
import org.reunify.streams.rules.Position;
import org.reunify.streams.serdes.CaseStateSerde;
import org.reunify.streams.topology.ReunificationTopology;

/**
 * The serde of the case state, read and written once per event: a case reported by two agencies, one of which also
 * confirmed the return.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaseStoreBenchmark {

    private final Serializer<CaseState> writer = new CaseStateSerde().serializer();
    private final Deserializer<CaseState> reader = new CaseStateSerde().deserializer();
    private CaseState state;
    private byte[] bytes;

    @Setup
    public void setUp() {
        LocalDate day = LocalDate.of(2022, 5, 1);
        EventFactory nib = new EventFactory("nib", "reunify-bench/1");
        EventFactory police = new EventFactory("police", "reunify-bench/1");
        CasesOnHeap cases = new CasesOnHeap();
        CaseFold.apply(
                cases,
                new CaseRecord(
                        CaseEvent.of(nib.deportation("d-1", "c-1", "UA-14", day, "RU")), new Position(1_000, 0, 1)),
                CaseLimits.DEFAULT);
        CaseFold.apply(
                cases,
                new CaseRecord(
                        CaseEvent.of(police.deportation("x-1", "c-1", "UA-14", day, "RU")), new Position(2_000, 0, 1)),
                CaseLimits.DEFAULT);
        CaseFold.apply(
                cases,
                new CaseRecord(
                        CaseEvent.of(nib.returned("r-1", "c-1", "UA-14", day.plusYears(3))), new Position(3_000, 0, 2)),
                CaseLimits.DEFAULT);
        state = cases.state("c-1");
        bytes = writer.serialize(ReunificationTopology.CASES, state);
    }

    @Benchmark
    public byte[] writeState() {
        return writer.serialize(ReunificationTopology.CASES, state);
    }

    @Benchmark
    public CaseState readState() {
        return reader.deserialize(ReunificationTopology.CASES, bytes);
    }
}
