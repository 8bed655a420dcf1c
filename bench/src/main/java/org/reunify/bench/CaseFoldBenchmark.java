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
import org.reunify.streams.rules.CaseHistory;

/**
 * The counting rules' step, once per event: a new case, and a case that already has a deportation from another
 * agency, a re-delivery and a retraction (the shapes of the benchmark history).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaseFoldBenchmark {

    private static final LocalDate DAY = LocalDate.of(2022, 5, 1);

    private CaseEvent report;
    private CaseEvent secondAgency;
    private CaseHistory busyCase;

    @Setup
    public void setUp() {
        EventFactory nib = new EventFactory("nib", "reunify-bench/1");
        EventFactory police = new EventFactory("police", "reunify-bench/1");
        report = CaseEvent.of(nib.deportation("d-1", "c-1", "UA-14", DAY, "RU"), 1_000);
        secondAgency = CaseEvent.of(police.deportation("x-1", "c-1", "UA-14", DAY, "RU"), 4_000);
        busyCase = CaseFold.apply(null, report).history();
        busyCase = CaseFold.apply(busyCase, CaseEvent.of(nib.deportation("w-1", "c-1", "UA-09", DAY, "BY"), 2_000)).history();
        busyCase = CaseFold.apply(busyCase, CaseEvent.of(nib.retraction("t-1", "c-1", "w-1", "wrong region"), 3_000)).history();
    }

    @Benchmark
    public CaseFold.Step newCase() {
        return CaseFold.apply(null, report);
    }

    @Benchmark
    public CaseFold.Step caseWithHistory() {
        return CaseFold.apply(busyCase, secondAgency);
    }

    @Benchmark
    public CaseFold.Step redelivery() {
        return CaseFold.apply(busyCase, report);
    }
}
