package org.reunify.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.reunify.operations.Operations;
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

    static final int DEFAULT_METRICS_PORT = 9465;

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--output-dir",
            defaultValue = "reunify-data/tallies",
            description = "Where the tally files go (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Mixin
    PostgresOptions postgres;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        try (Services services = new Services()) {
            Map<String, Object> clientConfig = cluster.clientConfig();
            Operations operations = PipelineLauncher.operations(services, clientConfig, true);
            PipelineLauncher.serveOperations(services, operations, metrics.address(DEFAULT_METRICS_PORT));
            Optional<Database> database = postgres.database();
            if (database.isPresent()) {
                PipelineLauncher.startPostgresSink(services, operations, clientConfig, database.get());
            } else {
                PipelineLauncher.startFileSink(services, operations, clientConfig, outputDir);
            }
            operations.started();
            return services.awaitStop(spec.commandLine().getErr());
        }
    }
}
