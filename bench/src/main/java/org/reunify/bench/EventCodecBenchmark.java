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
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.UndecodableEventException;
import org.reunify.schemas.avro.ReunificationEvent;

/** The wire codec every event goes through twice: encoded by the publisher, decoded by the stream and the replay. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventCodecBenchmark {

    private ReunificationEvent event;
    private byte[] bytes;

    @Setup
    public void setUp() {
        event = new EventFactory("nib", "reunify-bench/1")
                .deportation("nib-000123", "c-7f3a9e01", "UA-14", LocalDate.of(2022, 5, 1), "RU");
        bytes = EventCodec.encode(event);
    }

    @Benchmark
    public byte[] encode() {
        return EventCodec.encode(event);
    }

    @Benchmark
    public ReunificationEvent decode() throws UndecodableEventException {
        return EventCodec.decode(bytes);
    }
}
