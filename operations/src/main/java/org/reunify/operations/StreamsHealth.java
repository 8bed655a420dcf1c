package org.reunify.operations;

import java.util.Set;
import org.apache.kafka.streams.KafkaStreams.State;
import org.reunify.streams.StreamsRunner;

/** What the health probes ask of a streams app. */
final class StreamsHealth {

    /** Stream threads replaced this often within ten minutes: the app is failing, not recovering. */
    static final int FAILING_THREADS = 3;

    private static final Set<State> STOPPED = Set.of(State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING);

    private StreamsHealth() {}

    static String liveness(StreamsRunner streams) {
        State state = streams.state();
        if (STOPPED.contains(state)) {
            return "the streams app is " + state;
        }
        int failures = streams.recentThreadFailures();
        if (failures >= FAILING_THREADS) {
            return failures + " stream threads failed within 10 minutes";
        }
        return null;
    }

    static String readiness(StreamsRunner streams) {
        State state = streams.state();
        if (state != State.RUNNING) {
            return "the streams app is " + state;
        }
        return streams.isRestoring() ? "the streams app is restoring its state" : null;
    }
}
