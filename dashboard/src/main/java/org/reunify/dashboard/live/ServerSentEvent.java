package org.reunify.dashboard.live;

import java.nio.charset.StandardCharsets;

/**
 * One message of {@code /api/events}: {@code totals} carries the complete listing (sent first, and again after a
 * reconnect), {@code tally} one changed tally.
 *
 * @param data single-line JSON
 */
public record ServerSentEvent(String name, long id, String data) {

    public ServerSentEvent {
        if (data.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("event data must be one line");
        }
    }

    public byte[] toBytes() {
        return ("id: " + id + "\nevent: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
