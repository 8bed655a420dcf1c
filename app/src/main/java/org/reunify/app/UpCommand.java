package org.reunify.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.reunify.broker.BrokerSecurity;
import org.reunify.broker.EmbeddedKafka;
import org.reunify.dashboard.DashboardServer;
import org.reunify.dashboard.http.TlsKeystore;
import org.reunify.dashboard.http.WebServer;
import org.reunify.gateway.GatewayLimits;
import org.reunify.gateway.GatewaySettings;
import org.reunify.operations.Operations;
import org.reunify.producers.Simulation;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.Waits;
import org.reunify.security.CredentialFiles;
import org.reunify.security.Logins;
import org.reunify.security.Principals;
import org.reunify.security.Role;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.TotalsFollower;
import org.reunify.sink.postgres.Database;
import org.reunify.sink.postgres.PostgresTallySink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "The default run: an embedded Kafka broker, the topics, the streams app, the file sink and the dashboard, "
                    + "until interrupted.",
            "Everything is kept under --data-dir: run it again on the same directory and the history and totals are "
                    + "still there, with nothing counted twice."
        })
final class UpCommand implements Callable<Integer> {

    private static final Optional<Short> SINGLE_REPLICA = Optional.of((short) 1);
    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(5);
    private static final Scenario DEMO = Scenario.dec2025(Long.parseLong(SimulateCommand.DEFAULT_SEED));

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Port of the broker on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--controller-port",
            description = "Port of the KRaft controller on 127.0.0.1 (default: --port + 1).")
    Integer controllerPort;

    @Option(
            names = "--data-dir",
            defaultValue = "reunify-data",
            description = "Broker log, streams state and tally files (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--secure",
            description =
                    "Clients must log in (SASL/SCRAM-SHA-512) and may do only what their ACLs grant; logins for the "
                            + "pipeline, "
                            + "a dashboard and an auditor are written to DATA-DIR/credentials (owner-only), never to "
                            + "the console or the log.")
    boolean secure;

    @Option(
            names = "--tls",
            description = "With --secure: encrypt client connections (SASL_SSL) with a self-signed certificate "
                    + "for 127.0.0.1, made once (DATA-DIR/credentials/ca.pem is what clients trust).")
    boolean tls;

    @Option(
            names = "--demo",
            description = "Also publish the dec-2025 simulation (unless this data dir already holds it).")
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
        dashboard.http.allowedHosts();
        if (tls && !secure) {
            throw new IllegalArgumentException("--tls secures the logins of --secure: give both");
        }
        Optional<Database> database = postgres.database();
        try (Services services = new Services()) {
            EmbeddedKafka broker = services.add(EmbeddedKafka.start(
                    data,
                    port,
                    controllerPort != null ? controllerPort : port + 1,
                    secure ? BrokerSecurity.secure(tls) : BrokerSecurity.open()));
            Map<String, Object> admin = broker.clientConfig();
            Clients clients = secure ? Clients.loggedIn(broker, data, streams.applicationId) : Clients.all(admin);
            if (demo) {
                // Before the streams app starts, so that its first client reads them all: taking them on while it runs
                // would work as well, a few seconds later (docs/decisions.md #33).
                new Simulation(admin).provision(DEMO, OptionalInt.empty(), SINGLE_REPLICA);
            }
            // Served beside the dashboard: with small counts suppressed there, no region's figure may show here.
            Operations operations = PipelineLauncher.operations(
                    services, clients.pipeline(), !dashboard.suppression().active());
            PipelineLauncher.startStreams(
                    services,
                    operations,
                    clients.pipeline(),
                    streams.settings(clients.pipeline(), data.resolve("streams"), operations.pipelineMetrics()),
                    SINGLE_REPLICA);
            TallyFiles files = new TallyFiles(data.resolve("tallies"));
            PipelineLauncher.startFileSink(
                    services, operations, clients.pipeline(), files.json().getParent());
            database.ifPresent(
                    target -> PipelineLauncher.startPostgresSink(services, operations, clients.pipeline(), target));
            WebServer web = PipelineLauncher.webServer(
                    services,
                    dashboard.http,
                    broker.tlsKeystore().map(key -> new TlsKeystore(key.file(), key.password())));
            DashboardServer server =
                    PipelineLauncher.startDashboard(services, operations, clients.dashboard(), dashboard, web);
            Optional<String> gatewayOff = PipelineLauncher.startGateway(
                    services,
                    web,
                    new GatewaySettings(
                            clients.gateway(), secure, data.resolve("gateway"), SINGLE_REPLICA, GatewayLimits.DEFAULT));
            web.start();
            operations.started();
            // Up means counting: the same condition as /health/ready, said only once it holds.
            if (services.awaitReady(operations::notReady, out)) {
                printWhereEverythingIs(out, broker, data, files, server, database, gatewayOff);
                if (demo) {
                    runDemo(out, admin);
                }
            }
            return services.awaitStop(spec.commandLine().getErr());
        }
    }

    private void printWhereEverythingIs(
            PrintWriter out,
            EmbeddedKafka broker,
            Path data,
            TallyFiles files,
            DashboardServer server,
            Optional<Database> database,
            Optional<String> gatewayOff) {
        String bootstrap = port == 9092 ? "" : " --bootstrap " + broker.bootstrapServers();
        Path logins = BrokerSecurity.credentialsDir(data);
        out.printf("%nreunify is up.%n");
        out.printf("  broker    %s  (Kafka, KRaft; log in %s)%n", broker.bootstrapServers(), broker.logDir());
        out.printf("  streams   application '%s', state in %s%n", streams.applicationId, data.resolve("streams"));
        out.printf("  dashboard %s  (API: %sapi/totals)%n", server.uri(), server.uri());
        out.printf("  health    %shealth/ready, metrics %smetrics%n", server.uri(), server.uri());
        out.printf(
                "  gateway   %s%n",
                gatewayOff
                        .map(reason -> "off: " + reason)
                        .orElse(server.uri() + "publish  (API: " + server.uri() + "api/v1/agencies/ID/events"
                                + (secure ? ", agencies' logins)" : "; open cluster: this machine only, no logins)")));
        out.printf("  tallies   %s%n            %s%n", files.json(), files.csv());
        database.ifPresent(
                target -> out.printf("            PostgreSQL %s (region_tallies, region_tally_history)%n", target));
        if (secure) {
            out.printf(
                    "  security  %s, SCRAM-SHA-512 logins, ACLs; logins (owner-only) in %s:%n",
                    broker.clientConfig().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG), logins);
            out.printf(
                    "            admin (super user), %s, %s, %s, %s%n",
                    Clients.PIPELINE, Clients.DASHBOARD, Clients.AUDITOR, Clients.GATEWAY);
            out.printf(
                    "  try       ./reunify totals%s --command-config %s%n",
                    bootstrap, logins.resolve(Clients.DASHBOARD + ".properties"));
            out.printf(
                    "            ./reunify agency add nib%s --command-config %s%n",
                    bootstrap, logins.resolve("admin.properties"));
            out.printf(
                    "            ./reunify publish%s --agency nib --command-config %s events.jsonl%n",
                    bootstrap, logins.resolve(Principals.agencyUser("nib") + ".properties"));
        } else {
            out.printf("  try       ./reunify totals%s%n", bootstrap);
            out.printf(
                    "            ./reunify agency add nib%s && ./reunify publish%s --agency nib events.jsonl%n",
                    bootstrap, bootstrap);
        }
        out.printf("  stop      Ctrl-C: history and totals stay in %s%n%n", data);
        out.flush();
    }

    private void runDemo(PrintWriter out, Map<String, Object> client) throws InterruptedException {
        Scenario scenario = DEMO;
        Simulation simulation = new Simulation(client);
        if (simulation.alreadyPublished(scenario)) {
            out.printf("demo: the %s history is already in this data dir; not publishing it again%n", scenario.name());
        } else {
            long published = simulation.run(scenario, OptionalInt.empty(), SINGLE_REPLICA, 0);
            out.printf(
                    "demo: published %,d events of scenario %s from %d agencies%n",
                    published, scenario.name(), scenario.agencies().size());
        }
        out.flush();
        Tally national = awaitNational(client, scenario);
        out.printf(
                "demo: UA %,d deported, %,d returned, %,d outstanding%n%n",
                national.deported(), national.returned(), national.outstanding());
        out.flush();
    }

    /**
     * Who the parts of {@code up} connect as: everything as the one open client, or, secured, the streams app and sinks
     * as the pipeline and the dashboard as a dashboard, each with only its role's ACLs.
     */
    private record Clients(Map<String, Object> pipeline, Map<String, Object> dashboard, Map<String, Object> gateway) {
        static final String PIPELINE = "pipeline";
        static final String DASHBOARD = "dashboard";
        static final String AUDITOR = "auditor";
        static final String GATEWAY = "gateway";

        static Clients all(Map<String, Object> client) {
            return new Clients(client, client, client);
        }

        /**
         * Makes sure the pipeline, dashboard and auditor logins exist and their files are in the credentials directory.
         */
        static Clients loggedIn(EmbeddedKafka broker, Path data, String applicationId) {
            Map<String, Object> admin = broker.clientConfig();
            try (Admin adminClient = Admin.create(admin)) {
                Logins logins = new Logins(
                        adminClient, CredentialFiles.connectionSettings(admin), BrokerSecurity.credentialsDir(data));
                String sinkGroup = PostgresTallySink.DEFAULT_GROUP_ID;
                Map<String, Object> pipeline = withBootstrap(
                        broker,
                        logins.ensureWithFile(PIPELINE, Role.PIPELINE.bindings(PIPELINE, applicationId, sinkGroup)));
                Map<String, Object> dashboard = withBootstrap(
                        broker,
                        logins.ensureWithFile(DASHBOARD, Role.DASHBOARD.bindings(DASHBOARD, applicationId, sinkGroup)));
                logins.ensureWithFile(AUDITOR, Role.AUDITOR.bindings(AUDITOR, applicationId, sinkGroup));
                Map<String, Object> gateway = withBootstrap(
                        broker,
                        logins.ensureWithFile(GATEWAY, Role.GATEWAY.bindings(GATEWAY, applicationId, sinkGroup)));
                return new Clients(pipeline, dashboard, gateway);
            }
        }

        private static Map<String, Object> withBootstrap(EmbeddedKafka broker, Logins.Login login) {
            Map<String, Object> client = login.clientSettings();
            client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            return Map.copyOf(client);
        }
    }

    /** Follows the totals until the national tally shows the scenario's figures, or the demo's time is up. */
    private static Tally awaitNational(Map<String, Object> client, Scenario scenario) {
        try (TotalsFollower totals = new TotalsFollower(client)) {
            totals.catchUp(DEMO_TIMEOUT);
            Waits.within(
                    DEMO_TIMEOUT,
                    Duration.ZERO,
                    () -> {
                        totals.poll(Duration.ofMillis(500));
                        Tally national = totals.current().get(Regions.NATIONAL_CODE);
                        return national != null
                                && national.deported() == scenario.expectedDeported()
                                && national.returned() == scenario.expectedReturned();
                    },
                    "the demo's national figures");
            Tally national = totals.current().get(Regions.NATIONAL_CODE);
            if (national == null) {
                throw new IllegalStateException(
                        "the stream published no national tally within " + DEMO_TIMEOUT.toMinutes() + " minutes");
            }
            return national;
        }
    }
}
