package org.reunify.streams.rules;

import java.util.Comparator;

/** An event's identity: the agency that published it and its id within that agency. Ordered for tie-breaks. */
public record EventRef(String agency, String eventId) implements Comparable<EventRef> {

    private static final Comparator<EventRef> ORDER =
            Comparator.comparing(EventRef::agency).thenComparing(EventRef::eventId);

    @Override
    public int compareTo(EventRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return agency + "/" + eventId;
    }
}
