package org.reunify.sink;

import java.util.Arrays;
import java.util.Optional;
import org.reunify.schemas.TallyRow;
import org.reunify.schemas.Topic;
import org.reunify.schemas.Topics;

/** The topics of published tallies as their readers take them: which kind of tally each holds, under which key. */
public enum PublishedTallies {
    TOTALS(Topics.TOTALS, TallyRow.REGION, false),
    DAILY(Topics.TOTALS_DAILY, TallyRow.REGION, true),
    DESTINATIONS(Topics.DESTINATIONS, TallyRow.DESTINATION, false);

    private final Topic<String, ?> topic;
    private final String keyField;
    private final boolean dated;

    PublishedTallies(Topic<String, ?> topic, String keyField, boolean dated) {
        this.topic = topic;
        this.keyField = keyField;
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
    boolean holds(TallyRow row) {
        return row.keyField().equals(keyField) && (row.date() != null) == dated;
    }
}
