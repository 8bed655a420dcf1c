package org.reunify.operations.status;

import java.time.Instant;
import java.util.Optional;

/**
 * One agency's topic: how many partitions it has and when the broker appended its latest event (agency topics take
 * the broker's append time, so no producer clock can move it).
 *
 * @param latestEvent empty when the agency has published nothing
 */
public record AgencyActivity(String agency, int partitions, Optional<Instant> latestEvent) {}
