package org.reunify.producers.simulate;

import java.util.List;

/**
 * A simulated publishing agency.
 *
 * @param id           the agency id, as its events topic is named
 * @param prefix       what its event ids start with: {@code <prefix>-<n>}
 * @param reportWeight how often it is the one that reports a deportation
 * @param returnWeight how often it is the one that confirms a return
 */
record Agency(String id, String prefix, int reportWeight, int returnWeight) {

    static final Agency BRING_KIDS_BACK = new Agency("bring-kids-back", "bkb", 40, 55);
    static final Agency NIB = new Agency("nib", "nib", 25, 25);
    static final Agency NATIONAL_POLICE = new Agency("national-police", "np", 20, 15);
    static final Agency RCHR = new Agency("rchr", "rchr", 10, 5);
    static final Agency YALE_HRL = new Agency("yale-hrl", "yale", 5, 0);

    static final List<Agency> ALL = List.of(BRING_KIDS_BACK, NIB, NATIONAL_POLICE, RCHR, YALE_HRL);
}
