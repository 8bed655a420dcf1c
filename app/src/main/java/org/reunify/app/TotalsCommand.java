package org.reunify.app;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
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
                () -> Tallies.complete(published(PublishedTallies.TOTALS)),
                () -> Tallies.completeDestinations(published(PublishedTallies.DESTINATIONS)),
                () -> Tallies.sortedDaily(published(PublishedTallies.DAILY)),
                () -> Tallies.sortedTimeline(TallyFollower.readTimeline(cluster.clientConfig(), timeout)),
                spec.commandLine().getOut());
        return 0;
    }

    private List<Tally> published(PublishedTallies topic) {
        return TallyFollower.readAll(cluster.clientConfig(), topic, timeout);
    }
}
