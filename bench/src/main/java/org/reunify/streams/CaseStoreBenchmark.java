package org.reunify.streams;

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
import org.reunify.streams.rules.AgencyShare;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.CaseSummary;
import org.reunify.streams.rules.CaseTables;
import org.reunify.streams.rules.Position;

/**
 * The serdes of the case state, each value read and written once per event: the case's summary and the share of the
 * agency that sent the event. In the streams package because the serdes are the topology's own, not a public API.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaseStoreBenchmark {

    private final Serializer<CaseSummary> summaryWriter = new CaseSummarySerde().serializer();
    private final Deserializer<CaseSummary> summaryReader = new CaseSummarySerde().deserializer();
    private final Serializer<AgencyShare> shareWriter = new AgencyShareSerde().serializer();
    private final Deserializer<AgencyShare> shareReader = new AgencyShareSerde().deserializer();
    private CaseSummary summary;
    private AgencyShare share;
    private byte[] summaryBytes;
    private byte[] shareBytes;

    /** A case reported by two agencies, one of which also confirmed the return. */
    @Setup
    public void setUp() {
        LocalDate day = LocalDate.of(2022, 5, 1);
        EventFactory nib = new EventFactory("nib", "reunify-bench/1");
        EventFactory police = new EventFactory("police", "reunify-bench/1");
        CaseTables cases = CaseTables.inMemory();
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
        summary = cases.summary("c-1");
        share = cases.share("c-1", "nib");
        summaryBytes = summaryWriter.serialize(ReunificationTopology.CASE_SUMMARIES, summary);
        shareBytes = shareWriter.serialize(ReunificationTopology.AGENCY_SHARES, share);
    }

    @Benchmark
    public byte[] writeSummary() {
        return summaryWriter.serialize(ReunificationTopology.CASE_SUMMARIES, summary);
    }

    @Benchmark
    public CaseSummary readSummary() {
        return summaryReader.deserialize(ReunificationTopology.CASE_SUMMARIES, summaryBytes);
    }

    @Benchmark
    public byte[] writeShare() {
        return shareWriter.serialize(ReunificationTopology.AGENCY_SHARES, share);
    }

    @Benchmark
    public AgencyShare readShare() {
        return shareReader.deserialize(ReunificationTopology.AGENCY_SHARES, shareBytes);
    }
}
