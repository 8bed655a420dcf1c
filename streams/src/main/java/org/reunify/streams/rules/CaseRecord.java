package org.reunify.streams.rules;

import java.util.Objects;

/** One valid record of an agency topic: what it says, and where it lies in the history. */
public record CaseRecord(CaseEvent event, Position position) {

    public CaseRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(position, "position");
    }

    public String caseId() {
        return event.caseId();
    }

    public String agency() {
        return event.ref().agency();
    }
}
