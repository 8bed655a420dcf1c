package org.reunify.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.TallyFormat;
import org.reunify.sink.TotalsFollower;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "totals",
        mixinStandardHelpOptions = true,
        description = "Print the current tallies: every region and UA, read committed from reunification.totals.")
final class TotalsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table (for people), json or csv (default: ${DEFAULT-VALUE}).")
    TallyFormat format;

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
        try (TotalsFollower totals = new TotalsFollower(cluster.clientConfig())) {
            totals.catchUp(timeout);
            format.print(
                    Tallies.complete(totals.current().values()),
                    spec.commandLine().getOut());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
