package org.reunify.operations;

import org.reunify.streams.runtime.StreamsRunner;

/** What the health probes ask of a streams app. */
final class StreamsHealth {

    /** Stream threads replaced this often within ten minutes: the app is failing, not recovering. */
    static final int FAILING_THREADS = 3;

    private StreamsHealth() {}

    static String liveness(StreamsRunner streams) {
        if (streams.isStopped()) {
            return "the streams app is " + streams.state();
        }
        int failures = streams.recentThreadFailures();
        if (failures >= FAILING_THREADS) {
            return failures + " stream threads failed within 10 minutes";
        }
        return null;
    }

    /** Ready once it counts: running and restored, or with no agency topic to count yet. */
    static String readiness(StreamsRunner streams) {
        return streams.notCounting().orElse(null);
    }
}
