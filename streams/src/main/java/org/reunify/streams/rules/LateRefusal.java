package org.reunify.streams.rules;

import org.reunify.schemas.Refusal;

/**
 * A record of the same agency and case, read before and counted or ignored as a copy then, that a record read now
 * shows to be refused: it lies beyond a limit, or after a different version of its event, or it retracts a retraction.
 * A later read can only add refusals, never take one back, so the records refused in the end are the same whatever the
 * order of reading.
 */
public record LateRefusal(Position position, Refusal.Refused refused) {}
