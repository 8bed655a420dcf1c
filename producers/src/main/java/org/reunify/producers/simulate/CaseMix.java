package org.reunify.producers.simulate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How many cases of each {@link Outcome} a scenario holds. */
record CaseMix(int deported, int returned, int returnOnly, int returnRetracted, int withdrawn) {

    /** Share of returned cases with no deportation report at all. */
    private static final double RETURN_ONLY_SHARE = 0.12;
    /** Cases whose reported return was retracted, per counted case. */
    private static final double RETURN_RETRACTED_SHARE = 0.004;
    /** Cases retracted altogether, per counted case. */
    private static final double WITHDRAWN_SHARE = 0.025;
    /** Returned cases per counted case, as in the December 2025 figures (1,859 of 19,546). */
    private static final double RETURNED_SHARE = 0.095;

    CaseMix {
        if (deported < 0 || returned < 0 || returnOnly < 0 || returnRetracted < 0 || withdrawn < 0) {
            throw new IllegalArgumentException("negative case count");
        }
    }

    /** The mix that counts exactly {@code deportedTotal} deported, {@code returnedTotal} of them returned. */
    static CaseMix forTotals(int deportedTotal, int returnedTotal) {
        if (returnedTotal < 0 || returnedTotal > deportedTotal) {
            throw new IllegalArgumentException("returned must be between 0 and deported");
        }
        int returnOnly = (int) Math.round(returnedTotal * RETURN_ONLY_SHARE);
        int returnRetracted =
                Math.min((int) Math.round(deportedTotal * RETURN_RETRACTED_SHARE), deportedTotal - returnedTotal);
        int deportedOnly = deportedTotal - returnedTotal - returnRetracted;
        int withdrawn = (int) Math.round(deportedTotal * WITHDRAWN_SHARE);
        return new CaseMix(deportedOnly, returnedTotal - returnOnly, returnOnly, returnRetracted, withdrawn);
    }

    /** A mix of {@code cases} cases in all, in the proportions of the December 2025 figures. */
    static CaseMix forCases(int cases) {
        if (cases < 0) {
            throw new IllegalArgumentException("cases must not be negative");
        }
        int withdrawn = (int) Math.round(cases * WITHDRAWN_SHARE);
        int deportedTotal = cases - withdrawn;
        CaseMix counted = forTotals(deportedTotal, (int) Math.round(deportedTotal * RETURNED_SHARE));
        return new CaseMix(counted.deported, counted.returned, counted.returnOnly, counted.returnRetracted, withdrawn);
    }

    long expectedDeported() {
        return (long) deported + returned + returnOnly + returnRetracted;
    }

    long expectedReturned() {
        return (long) returned + returnOnly;
    }

    /** One outcome per case, grouped by outcome: shuffle before use. */
    List<Outcome> outcomes() {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.addAll(Collections.nCopies(deported, Outcome.DEPORTED));
        outcomes.addAll(Collections.nCopies(returned, Outcome.RETURNED));
        outcomes.addAll(Collections.nCopies(returnOnly, Outcome.RETURN_ONLY));
        outcomes.addAll(Collections.nCopies(returnRetracted, Outcome.RETURN_RETRACTED));
        outcomes.addAll(Collections.nCopies(withdrawn, Outcome.WITHDRAWN));
        return outcomes;
    }
}
