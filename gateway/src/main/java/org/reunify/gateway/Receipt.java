package org.reunify.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.reunify.schemas.Refusal;

/**
 * The answer to an upload, and its record on {@code reunification.receipts}: who sent what (the body's SHA-256 and
 * size, never a line of it), when, from where, and what became of each line. A refused line is listed with its number,
 * code and reason up to a bound; beyond it, refused lines are only counted, by code, so that a receipt stays small
 * whatever was sent. Reasons name fields and rules, never an id's value (see {@code EventLineParser}).
 */
final class Receipt {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A reason is a sentence; anything longer is cut, so that the list's bound bounds the receipt. */
    private static final int MAX_REASON_CHARS = 300;

    /** What the upload came to, as the receipt's {@code status} says it. */
    enum Outcome {
        /** A dry run: every line is valid, nothing was sent. */
        VALID("valid", 200),
        /** Every line is now on the agency's topic, sent now or before. */
        PUBLISHED("published", 200),
        /** Some lines were refused; with {@code atomic=all} or in a dry run nothing was sent. */
        REFUSED_LINES("refused lines", 422),
        /** The broker did not take some lines: they are not published, and the upload can be sent again. */
        NOT_ACKNOWLEDGED("not acknowledged", 502);

        final String status;
        final int httpStatus;

        Outcome(String status, int httpStatus) {
            this.status = status;
            this.httpStatus = httpStatus;
        }

        /** The outcome a stored receipt's {@code status} names. */
        static Outcome ofStatus(String status) {
            for (Outcome outcome : values()) {
                if (outcome.status.equals(status)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("no receipt status '" + status + "'");
        }
    }

    private final ObjectNode json = JSON.createObjectNode();
    private final ArrayNode refused;
    private final ArrayNode failed;
    private final Map<String, Long> refusedByCode = new TreeMap<>();
    private final int listed;
    private long refusedCount;
    private long failedCount;

    Receipt(Upload upload, Instant receivedAt, int refusalsListed) {
        json.put("uploadId", upload.id())
                .put("agency", upload.agency())
                .put("login", upload.login())
                .put("receivedAt", receivedAt.toString())
                .put("client", upload.client())
                .put("format", upload.format().name())
                .put("contentEncoding", upload.gzip() ? "gzip" : "identity")
                .put("dryRun", upload.dryRun())
                .put("atomic", upload.atomic().value)
                .put("idempotencyKey", upload.idempotencyKey())
                .put("confirms", upload.confirms());
        refused = JSON.createArrayNode();
        failed = JSON.createArrayNode();
        this.listed = refusalsListed;
    }

    void body(long bytes, String sha256) {
        json.put("bytes", bytes).put("sha256", sha256);
    }

    synchronized void refuse(int line, Refusal.Refused refusal) {
        refusedCount++;
        refusedByCode.merge(refusal.code().name(), 1L, Long::sum);
        if (refused.size() < listed) {
            refused.addObject()
                    .put("line", line)
                    .put("code", refusal.code().name())
                    .put("reason", cut(refusal.detail()));
        }
    }

    /** A line the broker did not acknowledge. */
    synchronized void fail(int line, String reason) {
        failedCount++;
        if (failed.size() < listed) {
            failed.addObject().put("line", line).put("reason", cut(reason));
        }
    }

    long refusedCount() {
        return refusedCount;
    }

    synchronized long failedCount() {
        return failedCount;
    }

    /** Completes the receipt with the line counts and the outcome they make. */
    synchronized Outcome close(long read, long valid, long published, long alreadyPublished, boolean dryRun) {
        Outcome outcome = failedCount > 0
                ? Outcome.NOT_ACKNOWLEDGED
                : refusedCount > 0 ? Outcome.REFUSED_LINES : dryRun ? Outcome.VALID : Outcome.PUBLISHED;
        json.put("status", outcome.status);
        json.putObject("lines")
                .put("read", read)
                .put("valid", valid)
                .put("published", published)
                .put("alreadyPublished", alreadyPublished)
                .put("refused", refusedCount)
                .put("notAcknowledged", failedCount);
        ObjectNode byCode = json.putObject("refusedByCode");
        refusedByCode.forEach(byCode::put);
        json.set("refused", refused);
        json.put("refusedNotListed", refusedCount - refused.size());
        json.set("notAcknowledged", failed);
        return outcome;
    }

    String toJson() {
        return json.toString();
    }

    private static String cut(String reason) {
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "…";
    }
}
