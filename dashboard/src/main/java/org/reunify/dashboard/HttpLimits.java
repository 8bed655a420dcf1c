package org.reunify.dashboard;

import java.time.Duration;

/**
 * How much of its JVM the dashboard may take, and for how long one client may hold it: under {@code reunify up} the
 * broker and the stream run in the same JVM, so no client, slow, idle or hostile, may grow its threads or keep them.
 *
 * @param workers threads that read requests and write the short answers (the page, its assets, the JSON)
 * @param waiting requests that may wait for a worker; beyond them a new connection is closed unanswered
 * @param readTimeout time a client has to send a request's line and headers, once it has sent its first byte
 * @param readTimeoutUnderLoad the same, while other requests wait for a worker
 * @param answerTimeout time a client has to take a short answer
 * @param eventStreams event streams open at once, each on a thread of its own
 * @param eventStreamsPerClient event streams open at once from one address
 * @param streamStall time one write to an event stream may stay blocked before the stream is dropped
 */
public record HttpLimits(
        int workers,
        int waiting,
        Duration readTimeout,
        Duration readTimeoutUnderLoad,
        Duration answerTimeout,
        int eventStreams,
        int eventStreamsPerClient,
        Duration streamStall) {

    /**
     * A browser sends a request whole, in one packet: a request still incomplete after a second while others wait is
     * a slow or hostile client's. A wall screen needs one event stream, a newsroom behind one address a dozen.
     */
    public static final HttpLimits DEFAULT = new HttpLimits(
            32,
            64,
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            256,
            16,
            Duration.ofSeconds(30));

    public HttpLimits {
        if (workers < 1
                || waiting < 1
                || eventStreams < 1
                || eventStreamsPerClient < 1
                || eventStreamsPerClient > eventStreams) {
            throw new IllegalArgumentException("impossible HTTP limits: " + workers + " workers, " + waiting
                    + " waiting, " + eventStreams + " event streams, " + eventStreamsPerClient + " per client");
        }
    }
}
