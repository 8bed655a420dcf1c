package org.reunify.bench;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
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
import org.reunify.streams.rules.CaseStore;
import org.reunify.streams.rules.CasesOnHeap;
import org.reunify.streams.rules.Position;

/**
 * The counting rules' step, once per record, on state that stays as it was (the store keeps nothing): a new case, a
 * case that already has a deportation from another agency, a retracted report and a retraction, and a re-delivery.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaseFoldBenchmark {

    private static final LocalDate DAY = LocalDate.of(2022, 5, 1);

    private CaseRecord report;
    private CaseRecord redelivery;
    private CaseRecord secondAgency;
    private CaseStore newCase;
    private CaseStore busyCase;

    @Setup
    public void setUp() {
        EventFactory nib = new EventFactory("nib", "reunify-bench/1");
        EventFactory police = new EventFactory("police", "reunify-bench/1");
        report = new CaseRecord(
                CaseEvent.of(nib.deportation("d-1", "c-1", "UA-14", DAY, "RU")), new Position(1_000, 0, 0));
        redelivery = new CaseRecord(report.event(), new Position(5_000, 0, 3));
        secondAgency = new CaseRecord(
                CaseEvent.of(police.deportation("x-1", "c-1", "UA-14", DAY, "RU")), new Position(4_000, 0, 0));
        CasesOnHeap busy = new CasesOnHeap();
        CaseFold.apply(busy, report, CaseLimits.DEFAULT);
        CaseFold.apply(
                busy,
                new CaseRecord(
                        CaseEvent.of(nib.deportation("w-1", "c-1", "UA-09", DAY, "BY")), new Position(2_000, 0, 1)),
                CaseLimits.DEFAULT);
        CaseFold.apply(
                busy,
                new CaseRecord(
                        CaseEvent.of(nib.retraction("t-1", "c-1", "w-1", "wrong region")), new Position(3_000, 0, 2)),
                CaseLimits.DEFAULT);
        newCase = new Unchanging(new CaseState(), new CasesOnHeap());
        busyCase = new Unchanging(busy.state("c-1"), busy);
    }

    @Benchmark
    public CaseFold.Step newCase() {
        return CaseFold.apply(newCase, report, CaseLimits.DEFAULT);
    }

    @Benchmark
    public CaseFold.Step caseWithHistory() {
        return CaseFold.apply(busyCase, secondAgency, CaseLimits.DEFAULT);
    }

    @Benchmark
    public CaseFold.Step redelivery() {
        return CaseFold.apply(busyCase, redelivery, CaseLimits.DEFAULT);
    }

    /** A case as it was set up whatever is folded into it: each invocation folds into the same state. */
    private record Unchanging(CaseState state, CaseStore retractions) implements CaseStore {

        @Override
        public CaseState state(String caseId) {
            return state.copy();
        }

        @Override
        public long firstRetraction(String caseId, String agency, String eventId) {
            return retractions.firstRetraction(caseId, agency, eventId);
        }

        @Override
        public void putRetraction(String caseId, String agency, String eventId, long reportedAt) {}
    }
}
