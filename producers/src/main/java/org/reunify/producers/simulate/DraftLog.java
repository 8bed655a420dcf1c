package org.reunify.producers.simulate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The drafts of a scenario in the order they were made, each placed on the timeline as it is made. */
final class DraftLog {

    private final Calendar calendar;
    private final List<Draft> drafts = new ArrayList<>();

    DraftLog(Calendar calendar) {
        this.calendar = calendar;
    }

    List<Draft> drafts() {
        return Collections.unmodifiableList(drafts);
    }

    int size() {
        return drafts.size();
    }

    /** The drafts made since {@link #size()} returned {@code mark}. */
    List<Draft> since(int mark) {
        return List.copyOf(drafts.subList(mark, drafts.size()));
    }

    /** A deportation report, published some time after it occurred. */
    Draft deportation(Agency agency, String caseId, String region, LocalDate occurredOn, String destination) {
        return deportationAt(agency, caseId, region, occurredOn, destination, calendar.published(occurredOn));
    }

    /**
     * A deportation report the agency publishes again later, as another event, within {@code days} of {@code earlier}.
     */
    Draft deportationAfter(Draft earlier, int days, String caseId, String region) {
        return deportationAt(
                earlier.agency(),
                caseId,
                region,
                earlier.occurredOn(),
                earlier.destination(),
                calendar.after(earlier.publishedAt(), days));
    }

    Draft returned(Agency agency, String caseId, String region, LocalDate occurredOn) {
        return add(Draft.returned(drafts.size(), agency, caseId, calendar.published(occurredOn), region, occurredOn));
    }

    /** A retraction of {@code target} by its agency, published after it or, when {@code early}, before it. */
    Draft retraction(Draft target, String reason, boolean early) {
        long publishedAt = early ? calendar.before(target.publishedAt(), 2) : calendar.after(target.publishedAt(), 120);
        return add(Draft.retraction(drafts.size(), target, publishedAt, reason));
    }

    Draft conflictingCopy(Draft original, String destination) {
        return add(Draft.conflictingCopy(
                drafts.size(), original, calendar.after(original.publishedAt(), 60), destination));
    }

    Draft redelivery(Draft original) {
        return add(Draft.redelivery(drafts.size(), original, calendar.after(original.publishedAt(), 14)));
    }

    private Draft deportationAt(
            Agency agency, String caseId, String region, LocalDate occurredOn, String destination, long publishedAt) {
        return add(Draft.deportation(drafts.size(), agency, caseId, publishedAt, region, occurredOn, destination));
    }

    private Draft add(Draft draft) {
        drafts.add(draft);
        return draft;
    }
}
