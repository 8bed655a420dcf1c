package org.reunify.dashboard;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The event streams open at once: a cap for the server, and a smaller one for each client address. */
final class StreamSlots {

    /** Why a stream cannot open now. */
    enum Refusal {
        SERVER_FULL(503, "too many event streams are open; try again later"),
        CLIENT_FULL(429, "too many event streams are open from your address; close one or try again later");

        final int status;
        final String message;

        Refusal(int status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    private final int max;
    private final int perClient;
    private final Map<InetAddress, Integer> byClient = new HashMap<>();
    private int open;

    StreamSlots(int max, int perClient) {
        this.max = max;
        this.perClient = perClient;
    }

    /** Takes a slot for {@code client}, to be {@linkplain #release released}; empty when taken, else why not. */
    synchronized Optional<Refusal> take(InetAddress client) {
        if (byClient.getOrDefault(client, 0) >= perClient) {
            return Optional.of(Refusal.CLIENT_FULL);
        }
        if (open >= max) {
            return Optional.of(Refusal.SERVER_FULL);
        }
        byClient.merge(client, 1, Integer::sum);
        open++;
        return Optional.empty();
    }

    synchronized void release(InetAddress client) {
        byClient.computeIfPresent(client, (address, streams) -> streams == 1 ? null : streams - 1);
        open--;
    }

    synchronized int open() {
        return open;
    }
}
