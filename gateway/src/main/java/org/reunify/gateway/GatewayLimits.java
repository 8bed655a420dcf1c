package org.reunify.gateway;

import java.time.Duration;

/**
 * What one upload may be and what the agencies together may ask of the gateway. Every limit is named in the answer
 * that enforces it ({@code 413}, {@code 429}, {@code 503}).
 *
 * @param maxBodyBytes a body's size as sent, and again once {@code Content-Encoding: gzip} is undone
 * @param maxLines lines in one upload
 * @param refusalsListed refused lines a receipt lists one by one; beyond, it counts them by code only
 * @param uploadsAtOnce uploads being read, checked or published at once, all agencies together
 * @param uploadsPerAgencyPerMinute uploads one agency may start in a minute (dry runs included)
 * @param minUploadBytesPerSecond the slowest a body may arrive, on average, once {@link #uploadGrace} has passed
 * @param uploadGrace time a body may take whatever its pace
 * @param failedLoginDelay every {@code 401} is answered this long after the request came, whatever failed
 */
public record GatewayLimits(
        long maxBodyBytes,
        int maxLines,
        int refusalsListed,
        int uploadsAtOnce,
        int uploadsPerAgencyPerMinute,
        long minUploadBytesPerSecond,
        Duration uploadGrace,
        Duration failedLoginDelay) {

    /**
     * An agency's whole history is a few megabytes (the dec-2025 demo's 31,478 events are 4 MB); two cores check and
     * publish a few uploads at a time; a phone on a poor line sends more than 4 KiB a second.
     */
    public static final GatewayLimits DEFAULT = new GatewayLimits(
            64L * 1024 * 1024, 500_000, 1_000, 4, 30, 4 * 1024, Duration.ofSeconds(10), Duration.ofMillis(1_500));

    public GatewayLimits {
        if (maxBodyBytes < 1
                || maxLines < 1
                || refusalsListed < 0
                || uploadsAtOnce < 1
                || uploadsPerAgencyPerMinute < 1
                || minUploadBytesPerSecond < 1) {
            throw new IllegalArgumentException("impossible gateway limits: " + this);
        }
    }
}
