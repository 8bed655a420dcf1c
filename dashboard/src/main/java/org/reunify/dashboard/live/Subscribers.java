package org.reunify.dashboard.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The open {@code /api/events} connections, told of every change to any figure the dashboard shows. */
public final class Subscribers {

    /** Where the changes go: one open {@code /api/events} connection. */
    public interface Subscriber {

        /** @return false when the subscriber can take no more and must be dropped */
        boolean offer(ServerSentEvent event);
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    void add(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    void remove(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** Offers the event to every subscriber, and drops each that can take no more. */
    void broadcast(ServerSentEvent event) {
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.offer(event)) {
                subscribers.remove(subscriber);
            }
        }
    }
}
