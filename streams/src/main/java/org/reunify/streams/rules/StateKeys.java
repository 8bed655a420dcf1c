package org.reunify.streams.rules;

/**
 * Keys of the retractions a case's agencies sent: the case id, the agency id, the eventId. The separator cannot occur
 * in a case id, an agency id or an eventId, whose alphabets docs/DESIGN.md fixes, so no two keys collide.
 */
public final class StateKeys {

    private static final char SEPARATOR = '|';

    private StateKeys() {}

    public static String retraction(String caseId, String agency, String eventId) {
        return caseId + SEPARATOR + agency + SEPARATOR + eventId;
    }
}
