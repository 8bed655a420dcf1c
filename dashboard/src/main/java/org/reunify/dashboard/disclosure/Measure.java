package org.reunify.dashboard.disclosure;

import org.reunify.schemas.Tally;

/** The three counts of a tally, in docs/DESIGN.md's order. */
enum Measure {
    DEPORTED,
    RETURNED,
    OUTSTANDING;

    long of(Tally tally) {
        return switch (this) {
            case DEPORTED -> tally.deported();
            case RETURNED -> tally.returned();
            case OUTSTANDING -> tally.outstanding();
        };
    }

    PublishedCount of(PublishedTally tally) {
        return tally.counts().get(ordinal());
    }
}
