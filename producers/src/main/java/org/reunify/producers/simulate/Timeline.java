package org.reunify.producers.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.avro.ReunificationEvent;

/** Puts the drafts of all agencies in publication order, numbers each agency's events, and builds them. */
final class Timeline {

    private static final Comparator<Draft> PUBLICATION_ORDER =
            Comparator.comparingLong(Draft::publishedAt).thenComparingInt(Draft::sequence);

    private Timeline() {}

    /** The events in publication order; each agency's own events come in the order that agency publishes them. */
    static List<ReunificationEvent> publish(List<Draft> drafts, String publisher) {
        List<Draft> ordered = new ArrayList<>(drafts);
        ordered.sort(PUBLICATION_ORDER);
        Map<Agency, Integer> published = new HashMap<>();
        for (Draft draft : ordered) {
            if (draft.kind().hasOwnId()) {
                int number = published.merge(draft.agency(), 1, Integer::sum);
                draft.assignId(draft.agency().prefix() + "-" + number);
            }
        }
        Map<Agency, EventFactory> factories = new HashMap<>();
        List<ReunificationEvent> events = new ArrayList<>(ordered.size());
        for (Draft draft : ordered) {
            events.add(
                    draft.event(factories.computeIfAbsent(draft.agency(), a -> new EventFactory(a.id(), publisher))));
        }
        return List.copyOf(events);
    }
}
