package org.reunify.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.CommonClientConfigs;
import org.reunify.app.broker.EmbeddedKafka;
import org.reunify.app.dashboard.DashboardServer;
import org.reunify.producers.Simulation;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.Tally;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.TotalsFollower;
import org.reunify.sink.postgres.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"The default run: an embedded Kafka broker, the topics, the streams app, the file sink and the dashboard, "
                + "until interrupted.",
                "Everything is kept under --data-dir: run it again on the same directory and the history and totals are "
                        + "still there, with nothing counted twice."})
final class UpCommand implements Callable<Integer> {

    private static final Optional<Short> SINGLE_REPLICA = Optional.of((short) 1);
    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--port", defaultValue = "9092", description = "Port of the broker on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--controller-port", description = "Port of the KRaft controller on 127.0.0.1 (default: --port + 1).")
    Integer controllerPort;

    @Option(names = "--data-dir", defaultValue = "reunify-data",
            description = "Broker log, streams state and tally files (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--demo", description = "Also publish the dec-2025 simulation (unless this data dir already holds it).")
    boolean demo;

    @Mixin
    StreamsOptions streams;

    @Mixin
    DashboardOptions dashboard;

    @Mixin
    PostgresOptions postgres;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Path data = dataDir.toAbsolutePath().normalize();
        PrintWriter out = spec.commandLine().getOut();
        dashboard.suppression();
        Optional<Database> database = postgres.database();
        try (Services services = new Services()) {
            EmbeddedKafka broker = services.add(EmbeddedKafka.start(data, port, controllerPort != null ? controllerPort : port + 1));
            Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            PipelineLauncher.startStreams(services, client, streams.settings(client, data.resolve("streams")), SINGLE_REPLICA);
            TallyFiles files = new TallyFiles(data.resolve("tallies"));
            PipelineLauncher.startFileSink(services, client, files.json().getParent());
            database.ifPresent(target -> PipelineLauncher.startPostgresSink(services, client, target));
            DashboardServer server = PipelineLauncher.startDashboard(services, client, dashboard);
            printWhereEverythingIs(out, broker, data, files, server, database);
            if (demo) {
                runDemo(out, client);
            }
            return services.awaitStop(spec.commandLine().getErr());
        }
    }

    private void printWhereEverythingIs(PrintWriter out, EmbeddedKafka broker, Path data, TallyFiles files, DashboardServer server,
                                        Optional<Database> database) {
        String flag = port == 9092 ? "" : " --bootstrap " + broker.bootstrapServers();
        out.printf("%nreunify is up.%n");
        out.printf("  broker    %s  (Kafka, KRaft; log in %s)%n", broker.bootstrapServers(), broker.logDir());
        out.printf("  streams   application '%s', state in %s%n", streams.applicationId, data.resolve("streams"));
        out.printf("  dashboard %s  (API: %sapi/totals)%n", server.uri(), server.uri());
        out.printf("  tallies   %s%n            %s%n", files.json(), files.csv());
        database.ifPresent(target -> out.printf("            PostgreSQL %s (region_tallies, region_tally_history)%n", target));
        out.printf("  try       ./reunify totals%s%n", flag);
        out.printf("            ./reunify agency add nib%s && ./reunify publish%s --agency nib events.jsonl%n", flag, flag);
        out.printf("  stop      Ctrl-C: history and totals stay in %s%n%n", data);
        out.flush();
    }

    private void runDemo(PrintWriter out, Map<String, Object> client) throws InterruptedException {
        Scenario scenario = Scenario.dec2025(Long.parseLong(SimulateCommand.DEFAULT_SEED));
        Simulation simulation = new Simulation(client);
        if (simulation.alreadyPublished(scenario)) {
            out.printf("demo: the %s history is already in this data dir; not publishing it again%n", scenario.name());
        } else {
            long published = simulation.run(scenario, OptionalInt.empty(), SINGLE_REPLICA, 0);
            out.printf("demo: published %,d events of scenario %s from %d agencies%n", published, scenario.name(), scenario.agencies().size());
        }
        out.flush();
        Tally national = awaitNational(client, scenario);
        out.printf("demo: UA %,d deported, %,d returned, %,d outstanding%n%n", national.deported(), national.returned(), national.outstanding());
        out.flush();
    }

    /** Follows the totals until the national tally shows the scenario's figures. */
    private static Tally awaitNational(Map<String, Object> client, Scenario scenario) {
        long deadline = System.nanoTime() + DEMO_TIMEOUT.toNanos();
        try (TotalsFollower totals = new TotalsFollower(client)) {
            totals.catchUp(DEMO_TIMEOUT);
            while (true) {
                Tally national = totals.current().get("UA");
                boolean counted = national != null && national.deported() == scenario.expectedDeported()
                        && national.returned() == scenario.expectedReturned();
                if (counted || System.nanoTime() > deadline) {
                    if (national == null) {
                        throw new IllegalStateException("the stream published no national tally within " + DEMO_TIMEOUT.toMinutes() + " minutes");
                    }
                    return national;
                }
                totals.poll(Duration.ofMillis(500));
            }
        }
    }
}
