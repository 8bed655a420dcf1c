package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reunify.app.support.ReunifyProcesses.freePort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Appended;
import org.reunify.app.support.Figures;
import org.reunify.app.support.ReunifyProcesses;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.Waits;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.security.Principals;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.HistoryOracle;

/**
 * docs/DESIGN.md: an agency provisioned while the pipeline runs counts within seconds, with no restart, whatever the
 * pipeline is doing at that moment. Twenty agencies join at once while {@code reunify up} is still starting its streams
 * app, twenty more at once while it counts; their cases overlap, so the count is only right if every agency's records
 * meet. Every record counts as the rules say, no stream thread is replaced, liveness answers 200 throughout, and the
 * replay verifies every published figure.
 */
class AgenciesJoinIT {

    private static final int AT_ONCE = 20;
    private static final int CASES_PER_WAVE = 60;
    private static final List<String> REGIONS = List.of("UA-09", "UA-14", "UA-43", "UA-65", "UA-30");
    private static final LocalDate DAY = LocalDate.of(2022, 6, 1);
    private static final Duration UP_WITHIN = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private final ReunifyProcesses reunify = new ReunifyProcesses();
    private final ExecutorService agencies = Executors.newFixedThreadPool(AT_ONCE);

    @AfterEach
    void stop() {
        agencies.shutdownNow();
        reunify.close();
    }

    @Test
    void agenciesJoiningWhileUpStartsAndWhileItCountsAreCountedWithNoStreamThreadReplaced() throws Exception {
        Up up = Up.start(reunify, dir);
        Map<String, Object> admin = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, up.bootstrap());
        awaitBroker(admin);
        Function<String, Map<String, Object>> asAgency = agency -> admin;

        try (LivenessWatch liveness = new LivenessWatch(up.httpPort())) {
            List<CaseRecord> history = new ArrayList<>(joinAndPublish("s", asAgency, agency -> {
                try (Admin client = Admin.create(admin)) {
                    new AgencyProvisioning(client).add(agency, OptionalInt.empty(), Optional.empty());
                }
            }));
            up.process().awaitLine("reunify is up.", UP_WITHIN);
            history.addAll(joinAndPublish("r", asAgency, agency -> {
                try (Admin client = Admin.create(admin)) {
                    new AgencyProvisioning(client).add(agency, OptionalInt.empty(), Optional.empty());
                }
            }));

            assertCountedWithoutAFailure(up, admin, history, liveness);
        }
    }

    @Test
    void agenciesJoiningASecuredPipelineEachWithItsLoginAreCountedWithNoStreamThreadReplaced() throws Exception {
        Up up = Up.start(reunify, dir, "--secure");
        Path credentials = up.data().resolve("credentials");
        Path adminLogin = credentials.resolve("admin.properties");
        Waits.until(Duration.ofMinutes(2), () -> Files.exists(adminLogin), "the admin login of up --secure");
        Map<String, Object> admin = SecuredReunify.client(adminLogin, up.bootstrap());
        awaitBroker(admin);
        Function<String, Map<String, Object>> asAgency = agency -> SecuredReunify.client(
                credentials.resolve(Principals.agencyUser(agency) + ".properties"), up.bootstrap());
        Function<String, Integer> agencyAdd = agency -> Reunify.commandLine()
                .execute(
                        "agency",
                        "add",
                        agency,
                        "--bootstrap",
                        up.bootstrap(),
                        "--command-config",
                        adminLogin.toString());

        try (LivenessWatch liveness = new LivenessWatch(up.httpPort())) {
            List<CaseRecord> history = new ArrayList<>(joinAndPublish(
                    "s", asAgency, agency -> assertThat(agencyAdd.apply(agency)).isZero()));
            up.process().awaitLine("reunify is up.", UP_WITHIN);
            history.addAll(joinAndPublish(
                    "r", asAgency, agency -> assertThat(agencyAdd.apply(agency)).isZero()));

            Map<String, Object> auditor =
                    SecuredReunify.client(credentials.resolve("auditor.properties"), up.bootstrap());
            assertCountedWithoutAFailure(up, auditor, history, liveness);
        }
    }

    /**
     * Twenty agencies join at once, each on a thread of its own, and each publishes its reports as soon as it has its
     * topic; the cases of a wave are shared between its agencies.
     *
     * @return the records as the broker appended them
     */
    private List<CaseRecord> joinAndPublish(
            String wave, Function<String, Map<String, Object>> asAgency, AgencyJoin join) throws Exception {
        List<String> ids =
                IntStream.range(0, AT_ONCE).mapToObj(i -> wave + "-agency-" + i).toList();
        Map<String, List<ReunificationEvent>> reports = reports(wave, ids);
        List<Future<List<CaseRecord>>> published = new ArrayList<>();
        for (String agency : ids) {
            published.add(agencies.submit(() -> {
                join.add(agency);
                return publish(asAgency.apply(agency), reports.get(agency));
            }));
        }
        List<CaseRecord> history = new ArrayList<>();
        for (Future<List<CaseRecord>> records : published) {
            history.addAll(records.get());
        }
        return history;
    }

    /** Each case reported by one to three agencies of the wave, some twice, some returned, some retracted. */
    private static Map<String, List<ReunificationEvent>> reports(String wave, List<String> agencyIds) {
        Random random = new Random(wave.hashCode());
        Map<String, List<ReunificationEvent>> reports = new HashMap<>();
        agencyIds.forEach(agency -> reports.put(agency, new ArrayList<>()));
        for (int c = 0; c < CASES_PER_WAVE; c++) {
            String caseId = "c-" + wave + "-" + c;
            for (int reporter = 1 + random.nextInt(3); reporter > 0; reporter--) {
                String agency = agencyIds.get(random.nextInt(agencyIds.size()));
                EventFactory events = new EventFactory(agency, "join-test/1");
                String eventId = agency + "-" + c + "-" + reporter;
                List<ReunificationEvent> mine = reports.get(agency);
                mine.add(events.deportation(eventId, caseId, pick(random, REGIONS), DAY, "RU"));
                switch (random.nextInt(5)) {
                    case 0 -> mine.add(mine.get(mine.size() - 1));
                    case 1 -> mine.add(events.returned(eventId + "-r", caseId, pick(random, REGIONS), DAY.plusDays(9)));
                    case 2 -> mine.add(events.retraction(eventId + "-x", caseId, eventId, "entered twice"));
                    default -> {}
                }
            }
        }
        return reports;
    }

    private static List<CaseRecord> publish(Map<String, Object> client, List<ReunificationEvent> events)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = Appended.producer(client)) {
            return Appended.publish(events, event -> producer);
        }
    }

    private void assertCountedWithoutAFailure(
            Up up, Map<String, Object> reader, List<CaseRecord> history, LivenessWatch liveness) throws Exception {
        long start = System.nanoTime();
        Figures.awaitTotals(
                reader, Figures.of(Figures.expected(new HistoryOracle(history, CaseLimits.DEFAULT).tallies())));
        System.out.printf(
                "AgenciesJoinIT: the second wave of %d agencies counted %d ms after its last record was appended%n",
                AT_ONCE, Duration.ofNanos(System.nanoTime() - start).toMillis());
        int verify = Reunify.commandLine().execute(verifyArgs(up, reader).toArray(String[]::new));
        assertThat(verify).as("replay --verify").isZero();
        assertThat(liveness.failures()).as("liveness answers other than 200").isEmpty();
        assertThat(Files.readAllLines(up.log()))
                .as("the up log")
                .noneMatch(line -> line.contains("a stream thread failed"))
                .noneMatch(line -> line.contains("unknown to the topology"));
        assertThat(up.process().process.isAlive()).isTrue();
    }

    private static List<String> verifyArgs(Up up, Map<String, Object> reader) throws IOException {
        List<String> args = new ArrayList<>(List.of("replay", "--verify", "--bootstrap", up.bootstrap()));
        if (reader.containsKey(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)) {
            args.addAll(List.of(
                    "--command-config",
                    up.data()
                            .resolve("credentials")
                            .resolve("auditor.properties")
                            .toString()));
        }
        return args;
    }

    private static void awaitBroker(Map<String, Object> admin) {
        Waits.until(
                Duration.ofMinutes(2),
                Duration.ofMillis(100),
                () -> {
                    try (Admin client = Admin.create(SecuredReunify.quick(admin))) {
                        client.listTopics().names().get();
                        return true;
                    } catch (Exception e) {
                        return false;
                    }
                },
                "the broker of up");
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    @FunctionalInterface
    private interface AgencyJoin {
        void add(String agency) throws Exception;
    }

    /** {@code reunify up} in its own process, as a user starts it. */
    private record Up(ReunifyProcesses.Running process, String bootstrap, int httpPort, Path data, Path log) {

        static Up start(ReunifyProcesses reunify, Path dir, String... options) throws IOException {
            int port = freePort();
            int httpPort = freePort();
            Path data = dir.resolve("data");
            Path log = dir.resolve("up.log");
            List<String> args = new ArrayList<>(List.of(
                    "up",
                    "--port",
                    String.valueOf(port),
                    "--controller-port",
                    String.valueOf(freePort()),
                    "--http-port",
                    String.valueOf(httpPort),
                    "--data-dir",
                    data.toString()));
            args.addAll(List.of(options));
            return new Up(
                    reunify.startLoggingTo(log, args.toArray(String[]::new)), "127.0.0.1:" + port, httpPort, data, log);
        }
    }

    /** Asks {@code /health/live} every quarter of a second, from the first answer on, and keeps any but a 200. */
    private static final class LivenessWatch implements AutoCloseable {

        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicInteger answers = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        LivenessWatch(int httpPort) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/live"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            thread = new Thread(() -> {
                while (running) {
                    try {
                        HttpResponse<String> answer = http.send(live, HttpResponse.BodyHandlers.ofString());
                        answers.incrementAndGet();
                        if (answer.statusCode() != 200) {
                            failures.add(answer.statusCode() + " " + answer.body());
                        }
                    } catch (IOException e) {
                        if (answers.get() > 0) {
                            failures.add(e.toString());
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        List<String> failures() {
            assertThat(answers.get()).as("liveness answered").isPositive();
            return List.copyOf(failures);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }
    }
}
