package org.reunify.app;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.TallyRow;
import org.reunify.sink.PublishedTallies;
import org.reunify.sink.TallyFollower;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "totals",
        mixinStandardHelpOptions = true,
        description = {
            "Print the published tallies, read committed: every region and UA (reunification.totals), every "
                    + "destination (--by destination, reunification.destinations), each region's days (--daily, "
                    + "reunification.totals.daily) or each region's months taken and returned (--monthly, "
                    + "reunification.timeline)."
        })
final class TotalsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    ListingOptions listing;

    @Option(
            names = "--timeout",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long to wait for the cluster (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        listing.check(spec.commandLine());
        listing.print(
                () -> Tallies.complete(
                        published(PublishedTallies.TOTALS, TallyRow::toTally).get()),
                () -> Tallies.completeDestinations(
                        published(PublishedTallies.DESTINATIONS, TallyRow::toDestinationTally)
                                .get()),
                () -> Tallies.sortedDaily(published(PublishedTallies.DAILY, TallyRow::toDailyTally)
                        .get()),
                () -> Tallies.sortedTimeline(TallyFollower.readTimeline(cluster.clientConfig(), timeout)),
                spec.commandLine().getOut());
        return 0;
    }

    private <T> Supplier<List<T>> published(PublishedTallies topic, Function<TallyRow, T> kind) {
        return () -> TallyFollower.readAll(cluster.clientConfig(), topic, timeout, kind);
    }
}
