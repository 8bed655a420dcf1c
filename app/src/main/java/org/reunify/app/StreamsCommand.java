package org.reunify.app;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reunify.operations.Operations;
import org.reunify.operations.OperationsEndpoints;
import org.reunify.operations.OperationsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "streams",
        mixinStandardHelpOptions = true,
        description = {
            "Run the Kafka Streams app alone against a cluster, until interrupted.",
            "Run several, with the same --application-id, to share the work; each keeps its state in --state-dir."
        })
final class StreamsCommand implements Callable<Integer> {

    static final int DEFAULT_METRICS_PORT = 9464;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    StreamsOptions streams;

    @Option(
            names = "--state-dir",
            defaultValue = "reunify-data/streams",
            description = "Local state (RocksDB) of this instance (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> clientConfig = cluster.clientConfig();
        try (Services services = new Services()) {
            Operations operations = PipelineLauncher.operations(services, clientConfig, false);
            InetSocketAddress address = metrics.address(DEFAULT_METRICS_PORT);
            OperationsServer server = PipelineLauncher.serveOperations(services, operations, address);
            PipelineLauncher.startStreams(
                    services,
                    operations,
                    clientConfig,
                    streams.settings(clientConfig, stateDir, operations.pipelineMetrics()),
                    streams.replication());
            operations.started();
            PrintWriter out = spec.commandLine().getOut();
            if (services.awaitReady(operations::notReady, out)) {
                out.printf(
                        "reunify streams is counting: application '%s', state in %s, health on http://%s:%d%s%n",
                        streams.applicationId,
                        stateDir.toAbsolutePath(),
                        address.getHostString(),
                        server.port(),
                        OperationsEndpoints.READY);
                out.flush();
            }
            return services.awaitStop(spec.commandLine().getErr());
        }
    }
}
