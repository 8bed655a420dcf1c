package org.reunify.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.reunify.sink.postgres.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sink",
        mixinStandardHelpOptions = true,
        description = {
            "Keep tallies.json and tallies.csv equal to the committed totals, until interrupted.",
            "With --jdbc-url, keep PostgreSQL's region_tallies and region_tally_history instead, exactly once."
        })
final class SinkCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--output-dir",
            defaultValue = "reunify-data/tallies",
            description = "Where the tally files go (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Mixin
    PostgresOptions postgres;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        try (Services services = new Services()) {
            Optional<Database> database = postgres.database();
            if (database.isPresent()) {
                PipelineLauncher.startPostgresSink(services, cluster.clientConfig(), database.get());
            } else {
                PipelineLauncher.startFileSink(services, cluster.clientConfig(), outputDir);
            }
            return services.awaitStop(spec.commandLine().getErr());
        }
    }
}
