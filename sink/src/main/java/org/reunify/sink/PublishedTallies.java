package org.reunify.sink;

import java.util.Arrays;
import java.util.Optional;
import org.reunify.schemas.Breakdown;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Topic;
import org.reunify.schemas.Topics;

/** The topics of published tallies as their readers take them: which kind of tally each holds, under which key. */
public enum PublishedTallies {
    TOTALS(Topics.TOTALS, Breakdown.region, false),
    DAILY(Topics.TOTALS_DAILY, Breakdown.region, true),
    DESTINATIONS(Topics.DESTINATIONS, Breakdown.destination, false);

    private final Topic<String, ?> topic;
    private final Breakdown by;
    private final boolean dated;

    PublishedTallies(Topic<String, ?> topic, Breakdown by, boolean dated) {
        this.topic = topic;
        this.by = by;
        this.dated = dated;
    }

    public String topicName() {
        return topic.name();
    }

    public static Optional<PublishedTallies> of(String topicName) {
        return Arrays.stream(values())
                .filter(published -> published.topicName().equals(topicName))
                .findFirst();
    }

    /** Whether the tally is of the kind the topic holds. */
    boolean holds(Tally tally) {
        return tally.by() == by && tally.isDaily() == dated;
    }
}
