package org.reunify.dashboard.http;

import java.time.Duration;

/**
 * How much of its JVM the HTTP server may take, and for how long one client may hold it: under {@code reunify up} the
 * broker and the stream run in the same JVM, so no client, slow, idle or hostile, may grow its threads or keep them.
 * Each is a setting of Jetty's ({@link WebServer}), except the event streams' caps, which are the dashboard's own.
 *
 * @param threads threads that serve requests (a connection that is only open, or half sent, holds none)
 * @param queued requests that may wait for one of those threads; beyond them a new connection is closed unanswered
 * @param readTimeout how long a connection may stay silent while no request of it is being served: before its
 *     request is in, or between two requests
 * @param answerTimeout how long a request being served may go without a byte moving either way: a client that stops
 *     reading an answer (or an event stream), or stops sending a body, is cut off after it
 * @param connections connections open at once; beyond them new ones wait to be accepted
 * @param requestsPerSecond requests one address may make per second, on average; beyond: {@code 429}
 * @param eventStreams event streams open at once
 * @param eventStreamsPerClient event streams open at once from one address
 */
public record ServerLimits(
        int threads,
        int queued,
        Duration readTimeout,
        Duration answerTimeout,
        int connections,
        int requestsPerSecond,
        int eventStreams,
        int eventStreamsPerClient) {

    /**
     * A browser sends its request whole, at once, and a page asks for a handful of files: ten seconds to send a
     * request and a hundred requests a second leave any real client room. A wall screen needs one event stream, a
     * newsroom behind one address a dozen.
     */
    public static final ServerLimits DEFAULT =
            new ServerLimits(32, 64, Duration.ofSeconds(10), Duration.ofSeconds(30), 1_024, 100, 256, 16);

    public ServerLimits {
        if (threads < 1
                || queued < 1
                || connections < 1
                || requestsPerSecond < 1
                || eventStreams < 1
                || eventStreamsPerClient < 1
                || eventStreamsPerClient > eventStreams) {
            throw new IllegalArgumentException("impossible HTTP limits: " + this);
        }
    }
}
