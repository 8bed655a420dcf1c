package org.reunify.schemas;

/**
 * Bytes that are not docs/DESIGN.md's tally: not JSON, a field missing or of the wrong type, a date that is not an
 * instant, figures that do not add up. The message says which, never what the bytes hold, so that a reader may log it.
 */
public final class MalformedTallyException extends IllegalArgumentException {

    MalformedTallyException(String message) {
        super(message);
    }
}
