package org.reunify.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.reunify.operations.status.StatusCheck;
import org.reunify.operations.status.StatusJson;
import org.reunify.operations.status.StatusReport;
import org.reunify.operations.status.StatusSettings;
import org.reunify.operations.status.StatusTable;
import org.reunify.streams.runtime.StreamsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Print what an operator checks first, read-only: the cluster, the topics and whether their configs are "
                    + "safe, the streams app and its lag, each sink's position, refusals by reason, each agency's "
                    + "latest event.",
            "Exit 0 when all is well, 1 naming every problem (an unsafe topic, the streams app not running, a sink "
                    + "behind, the cluster unreachable), so that it serves as a cron check."
        })
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table or json: one object with the same facts, ok and problems (default: ${DEFAULT-VALUE}).")
    TableOrJson format;

    @Option(
            names = "--application-id",
            defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
            description = "The streams app's application id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--sink-dir",
            paramLabel = "DIR",
            description = "The file sink's directory, whose position.json says how far it has applied the totals "
                    + "(default: reunify-data/tallies, checked if a sink writes there).")
    Path sinkDir;

    @Mixin
    PostgresOptions postgres;

    @Option(
            names = "--sink-grace",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long a change may wait for a sink before the sink counts as behind (default: "
                    + "${DEFAULT-VALUE}).")
    Duration sinkGrace;

    @Option(
            names = "--timeout",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long to wait for the cluster (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StatusReport report = StatusCheck.run(
                cluster.clientConfig(),
                new StatusSettings(
                        applicationId,
                        sinkDir == null ? StatusSettings.DEFAULT_SINK_DIR : sinkDir,
                        sinkDir != null,
                        postgres.database(),
                        sinkGrace,
                        timeout));
        PrintWriter out = spec.commandLine().getOut();
        if (format == TableOrJson.json) {
            out.println(StatusJson.format(report));
            out.flush();
        } else {
            StatusTable.print(report, out);
        }
        return report.ok() ? 0 : Failures.FAILED;
    }
}
