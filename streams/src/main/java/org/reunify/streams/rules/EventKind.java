package org.reunify.streams.rules;

/** The three things an agency can say about a case, by their names in the publisher's JSON. */
public enum EventKind {
    DEPORTATION_REPORTED,
    RETURN_CONFIRMED,
    REPORT_RETRACTED;

    /** Deportations and returns are reports; a retraction only withdraws one. */
    public boolean isReport() {
        return this != REPORT_RETRACTED;
    }
}
