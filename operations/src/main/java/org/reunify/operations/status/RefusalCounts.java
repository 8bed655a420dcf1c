package org.reunify.operations.status;

import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import org.reunify.schemas.Refusal;

/**
 * Refused records counted by their reason's code over the last hour and the last day before an instant. A reason no
 * version of the stream wrote counts under {@link #OTHER}, so nothing on the topic goes uncounted.
 */
public final class RefusalCounts {

    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofDays(1);
    public static final String OTHER = "OTHER";

    private final Instant now;
    private final SortedMap<String, Long> lastHour = new TreeMap<>();
    private final SortedMap<String, Long> lastDay = new TreeMap<>();

    public RefusalCounts(Instant now) {
        this.now = now;
    }

    /** Where reading the refusals of the last day starts. */
    public Instant dayStart() {
        return now.minus(DAY);
    }

    /**
     * @param refusedAt the refused record's timestamp
     * @param reason    its {@code reason} header, null when it has none
     */
    public void count(Instant refusedAt, String reason) {
        if (refusedAt.isBefore(dayStart()) || refusedAt.isAfter(now)) {
            return;
        }
        String code = Refusal.ofReason(reason).map(Refusal::name).orElse(OTHER);
        lastDay.merge(code, 1L, Long::sum);
        if (!refusedAt.isBefore(now.minus(HOUR))) {
            lastHour.merge(code, 1L, Long::sum);
        }
    }

    public SortedMap<String, Long> lastHour() {
        return new TreeMap<>(lastHour);
    }

    public SortedMap<String, Long> lastDay() {
        return new TreeMap<>(lastDay);
    }
}
