package org.reunify.streams.rules;

/**
 * Keys of a case's state: the case id, then what belongs to one agency. The separator cannot occur in a case id, an
 * agency id or an eventId, whose alphabets DESIGN.md fixes, so no two keys collide.
 */
public final class StateKeys {

    private static final char SEPARATOR = '|';

    private StateKeys() {}

    public static String share(String caseId, String agency) {
        return caseId + SEPARATOR + agency;
    }

    public static String retraction(String caseId, String agency, String eventId) {
        return caseId + SEPARATOR + event(agency, eventId);
    }

    /** An agency's eventId, within one case. */
    public static String event(String agency, String eventId) {
        return agency + SEPARATOR + eventId;
    }
}
