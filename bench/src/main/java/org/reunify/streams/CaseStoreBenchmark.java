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
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseFold;
import org.reunify.streams.rules.CaseHistory;

/**
 * The case-histories store's serde, read and written once per event. In the streams package because the serde is
 * the topology's own, not a public API.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaseStoreBenchmark {

    private final Serializer<CaseHistory> serializer = new CaseHistorySerde().serializer();
    private final Deserializer<CaseHistory> deserializer = new CaseHistorySerde().deserializer();
    private CaseHistory history;
    private byte[] bytes;

    @Setup
    public void setUp() {
        LocalDate day = LocalDate.of(2022, 5, 1);
        EventFactory nib = new EventFactory("nib", "reunify-bench/1");
        EventFactory police = new EventFactory("police", "reunify-bench/1");
        history = CaseFold.apply(null, CaseEvent.of(nib.deportation("d-1", "c-1", "UA-14", day, "RU"), 1_000)).history();
        history = CaseFold.apply(history, CaseEvent.of(police.deportation("x-1", "c-1", "UA-14", day, "RU"), 2_000)).history();
        history = CaseFold.apply(history, CaseEvent.of(nib.returned("r-1", "c-1", "UA-14", day.plusYears(3)), 3_000)).history();
        bytes = serializer.serialize("case-histories", history);
    }

    @Benchmark
    public byte[] write() {
        return serializer.serialize("case-histories", history);
    }

    @Benchmark
    public CaseHistory read() {
        return deserializer.deserialize("case-histories", bytes);
    }
}
