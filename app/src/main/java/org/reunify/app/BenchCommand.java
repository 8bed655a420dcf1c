package org.reunify.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import org.reunify.bench.Bench;
import org.reunify.bench.BenchReport;
import org.reunify.broker.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure, on a fresh embedded broker and in one run: the raw producer and consumer ceiling, a stock Kafka "
                    + "Streams count, reunify's pipeline (throughput to exact totals, then publish-to-tally latency "
                    + "at a fixed rate) "
                    + "and the replay. Prints a table, writes it as JSON, and fails if any total is not exact.",
            "Takes minutes and both cores: run it on a quiet machine."
        })
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--cases",
            defaultValue = "400000",
            description = "Cases in the history, 2.5 events each (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(
            names = "--agencies",
            defaultValue = "4",
            description = "Agencies publishing the history (default: ${DEFAULT-VALUE}).")
    int agencies;

    @Option(
            names = "--partitions",
            defaultValue = "6",
            description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Stream threads of the pipeline and the stock count (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--raw-records",
            defaultValue = "1000000",
            description = "Records of the raw producer and consumer (default: ${DEFAULT-VALUE}).")
    long rawRecords;

    @Option(
            names = "--record-bytes",
            defaultValue = "100",
            description = "Size of a raw record (default: ${DEFAULT-VALUE}).")
    int recordBytes;

    @Option(
            names = "--rate",
            defaultValue = "5000",
            description = "Events per second of the latency probe (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--latency-seconds",
            defaultValue = "30",
            description = "How long the latency probe publishes (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(
            names = "--streams-config",
            paramLabel = "NAME=VALUE",
            description =
                    "A Kafka Streams setting for the pipeline, over reunify's own (repeatable), to measure what a "
                            + "setting buys.")
    Map<String, String> streamsConfig = new HashMap<>();

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the history (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--json",
            defaultValue = "bench-result.json",
            description = "Where the figures go as JSON (default: ${DEFAULT-VALUE}).")
    Path json;

    @Option(
            names = "--work-dir",
            description =
                    "The broker's and the streams apps' data (default: a temporary directory, deleted afterwards).")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = workDir != null ? workDir : Files.createTempDirectory("reunify-bench-");
        try (EmbeddedKafka broker = EmbeddedKafka.startOnFreePorts(work.resolve("broker"))) {
            BenchReport report = new Bench(
                            broker.clientConfig(),
                            new Bench.Settings(
                                    cases,
                                    agencies,
                                    partitions,
                                    threads,
                                    rawRecords,
                                    recordBytes,
                                    rate,
                                    Duration.ofSeconds(latencySeconds),
                                    seed,
                                    streamsConfig),
                            work,
                            out)
                    .run();
            out.printf("%n%s%n", report.table());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report.json());
            out.printf("figures written to %s%n", json.toAbsolutePath());
            out.flush();
            return report.exact() ? 0 : 1;
        } finally {
            if (workDir == null) {
                Utils.delete(work.toFile());
            }
        }
    }
}
