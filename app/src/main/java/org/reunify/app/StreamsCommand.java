package org.reunify.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
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

    @Mixin
    ClusterOptions cluster;

    @Mixin
    StreamsOptions streams;

    @Option(
            names = "--state-dir",
            defaultValue = "reunify-data/streams",
            description = "Local state (RocksDB) of this instance (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> clientConfig = cluster.clientConfig();
        try (Services services = new Services()) {
            PipelineLauncher.startStreams(
                    services, clientConfig, streams.settings(clientConfig, stateDir), streams.replication());
            return services.awaitStop(spec.commandLine().getErr());
        }
    }
}
