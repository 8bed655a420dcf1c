package org.reunify.gateway;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may upload now: one upload at a time per agency (its receipts then say exactly what each upload published), a
 * number of uploads a minute per agency, and a number at once for all: beyond, {@code 429} or {@code 503}, each with
 * the seconds to wait.
 */
final class UploadSlots {

    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int RETRY_BUSY_SECONDS = 5;

    /** Why an upload cannot start now. */
    record Busy(int status, long retryAfterSeconds, String message) {}

    private final GatewayLimits limits;
    private final Set<String> uploading = new HashSet<>();
    private final Map<String, long[]> minutes = new HashMap<>();

    UploadSlots(GatewayLimits limits) {
        this.limits = limits;
    }

    /** Takes the agency's slot, to be {@linkplain #release released}; empty when taken, else why not. */
    synchronized Optional<Busy> take(String agency, long now) {
        long[] minute = minutes.computeIfAbsent(agency, a -> new long[] {now, 0});
        if (now - minute[0] >= MINUTE_NANOS) {
            minute[0] = now;
            minute[1] = 0;
        }
        if (minute[1] >= limits.uploadsPerAgencyPerMinute()) {
            long wait = (minute[0] + MINUTE_NANOS - now) / 1_000_000_000L + 1;
            return Optional.of(new Busy(
                    429,
                    wait,
                    "agency " + agency + " has made " + limits.uploadsPerAgencyPerMinute()
                            + " uploads this minute, the most it may"));
        }
        if (uploading.contains(agency)) {
            return Optional.of(new Busy(
                    429, RETRY_BUSY_SECONDS, "an upload of agency " + agency + " is under way; one at a time"));
        }
        if (uploading.size() >= limits.uploadsAtOnce()) {
            return Optional.of(new Busy(
                    503, RETRY_BUSY_SECONDS, "the gateway is taking " + limits.uploadsAtOnce() + " uploads already"));
        }
        minute[1]++;
        uploading.add(agency);
        return Optional.empty();
    }

    synchronized void release(String agency) {
        uploading.remove(agency);
    }
}
