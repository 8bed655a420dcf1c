package org.reunify.producers.simulate;

/** What a simulated case must come to under the counting rules, whatever noise its history carries. */
enum Outcome {
    /** Reported deported (by one or more agencies), never returned. */
    DEPORTED(true, false),
    /** Reported deported, then its return confirmed. */
    RETURNED(true, true),
    /** Only a return was ever reported: it counts as deported and returned. */
    RETURN_ONLY(true, true),
    /** Reported deported; a return was reported and then retracted. */
    RETURN_RETRACTED(true, false),
    /** Every report of the case was retracted by the agency that made it: it counts nowhere. */
    WITHDRAWN(false, false);

    private final boolean deported;
    private final boolean returned;

    Outcome(boolean deported, boolean returned) {
        this.deported = deported;
        this.returned = returned;
    }

    boolean countsDeported() {
        return deported;
    }

    boolean countsReturned() {
        return returned;
    }
}
