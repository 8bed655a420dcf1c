package org.reunify.app;

import org.reunify.dashboard.disclosure.Suppression;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where and how the dashboard serves, the same for {@code up} and {@code dashboard}. */
final class DashboardOptions {

    @Mixin
    HttpOptions http;

    @Option(
            names = "--suppress-below",
            paramLabel = "K",
            description = "For public screens: show every count from 1 to K-1 as <K, in the page and the API, and hide "
                    + "what would give it away (see README).")
    Integer suppressBelow;

    Suppression suppression() {
        return suppressBelow == null ? Suppression.NONE : new Suppression(suppressBelow);
    }
}
