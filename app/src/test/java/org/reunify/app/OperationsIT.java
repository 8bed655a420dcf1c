package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reunify.app.support.Figures;
import org.reunify.audit.HistoryReader;
import org.reunify.audit.Replay;
import org.reunify.operations.Operations;
import org.reunify.operations.OperationsServer;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.producers.simulate.Scenario;
import org.reunify.schemas.EventCodec;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Topics;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.streams.runtime.StreamsSettings;
import org.reunify.streams.topology.TopologySettings;
import org.reunify.testkit.KafkaBroker;

/**
 * docs/DESIGN.md "Operations", scraped and probed over HTTP as Prometheus and an orchestrator would: the metrics count
 * what was published and refused and time the tallies; readiness follows the streams app and its broker.
 */
class OperationsIT {

    private static final Scenario HISTORY = Scenario.random(600, 18);
    private static final int GARBAGE = 150;

    private static final Path OPERATIONS_MD = Path.of("../docs/OPERATIONS.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    /** Ours and Kafka's; {@code up} is Prometheus' own. */
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(reunify|kafka)_[a-z_]+\\b");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void metricsCountTheRecordsTakenAndRefusedAndTimeEveryTallyFromAppendToCommit() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
                Services services = new Services()) {
            Map<String, Object> client = broker.clientConfig();
            URI endpoints = countHistory(services, client, 18);

            Map<Refusal, Long> refused = replayedRefusals(client);
            long records = HISTORY.events().size() + GARBAGE;
            long refusedInAll =
                    refused.values().stream().mapToLong(Long::longValue).sum();
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                String metrics = get(endpoints.resolve("/metrics")).body();
                assertThat(sum(metrics, "reunify_events_counted_total", "")).isEqualTo(records - refusedInAll);
                refused.forEach((reason, count) -> assertThat(
                                sum(metrics, "reunify_records_rejected_total", "reason=\"" + reason + "\""))
                        .as("refused %s", reason)
                        .isEqualTo(count));
                assertThat(sum(metrics, "reunify_records_rejected_total", "")).isEqualTo(refusedInAll);
            });
            String metrics = get(endpoints.resolve("/metrics")).body();
            assertThat(sum(metrics, "reunify_publish_to_tally_seconds_count", "sink=\"file\""))
                    .as("tallies timed from the append of their events to the sink's committed read")
                    .isPositive();
            assertThat(metrics).contains("reunify_publish_to_tally_seconds_bucket{sink=\"file\",le=\"");
            assertThat(sum(metrics, "reunify_sink_rows_written_total", "sink=\"file\""))
                    .isPositive();
            assertThat(sum(metrics, "reunify_tally_outstanding", "region=\"UA\""))
                    .isEqualTo(HISTORY.expectedDeported() - HISTORY.expectedReturned());
            assertThat(metrics).contains("reunify_agency_lag_records{agency=\"", "kafka_stream_");
        }
    }

    @Test
    void readinessWaitsForTheStreamsAppAndGoesWhenItsBrokerGoes() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
                Services services = new Services()) {
            Map<String, Object> client = broker.clientConfig();
            provision(client);
            URI endpoints = startPipeline(services, client);
            URI ready = endpoints.resolve("/health/ready");

            assertThat(get(ready).statusCode())
                    .as("ready before the streams app runs")
                    .isEqualTo(503);
            await().atMost(Duration.ofMinutes(1)).until(() -> get(ready).statusCode() == 200);

            broker.stopBroker(broker.brokerIds().get(0));
            await().atMost(Duration.ofSeconds(30)).until(() -> get(ready).statusCode() == 503);
            assertThat(get(ready).body()).contains("\"cluster\":\"the cluster did not answer");
            assertThat(get(endpoints.resolve("/health/live")).statusCode())
                    .as("a broker gone is no reason to restart the streams app")
                    .isEqualTo(200);

            broker.restartBroker(broker.brokerIds().get(0));
            await().atMost(Duration.ofMinutes(1)).until(() -> get(ready).statusCode() == 200);
        }
    }

    @Test
    void theScrapeExampleAndAlertRulesOfOperationsMdAreWellFormedAndUseOnlyMetricsThatAreScraped() throws Exception {
        List<JsonNode> blocks = yamlBlocks(Files.readString(OPERATIONS_MD));
        assertThat(blocks).hasSize(2);
        JsonNode scrape = blocks.get(0).get("scrape_configs").get(0);
        assertThat(scrape.get("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(scrape.get("static_configs").get(0).get("targets").toString())
                .contains(":" + StreamsCommand.DEFAULT_METRICS_PORT, ":" + SinkCommand.DEFAULT_METRICS_PORT);
        List<JsonNode> rules = new ArrayList<>();
        blocks.get(1).get("groups").forEach(group -> group.get("rules").forEach(rules::add));
        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.get("alert").asText()).startsWith("Reunify");
            assertThat(rule.get("labels").get("severity").asText()).isIn("critical", "warning");
            assertThat(rule.get("annotations").get("summary").asText()).isNotBlank();
            assertThat(rule.get("for").asText()).matches("\\d+m");
        });

        try (KafkaBroker broker = KafkaBroker.start();
                Services services = new Services()) {
            URI endpoints = countHistory(services, broker.clientConfig(), 28);
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                String metrics = get(endpoints.resolve("/metrics")).body();
                for (JsonNode rule : rules) {
                    Matcher used = METRIC_NAME.matcher(rule.get("expr").asText());
                    while (used.find()) {
                        assertThat(metrics)
                                .as("%s uses %s", rule.get("alert").asText(), used.group())
                                .containsPattern("(?m)^" + used.group() + "[{ ]");
                    }
                }
            });
        }
    }

    private static List<JsonNode> yamlBlocks(String markdown) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> blocks = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(markdown);
        while (block.find()) {
            blocks.add(yaml.readTree(block.group(1)));
        }
        return blocks;
    }

    /** The pipeline started, the history and its garbage published and counted; where its endpoints answer. */
    private URI countHistory(Services services, Map<String, Object> client, long seed) {
        provision(client);
        URI endpoints = startPipeline(services, client);
        publish(client, new Random(seed));
        Figures.awaitSettled(client);
        return endpoints;
    }

    private static void provision(Map<String, Object> client) {
        try (Admin admin = Admin.create(client)) {
            AgencyProvisioning agencies = new AgencyProvisioning(admin);
            HISTORY.agencies().forEach(agency -> agencies.add(agency, OptionalInt.of(2), Optional.of((short) 1)));
        }
    }

    /** What {@code reunify streams} and {@code reunify sink} wire, in one process, serving before the parts start. */
    private URI startPipeline(Services services, Map<String, Object> client) {
        Operations operations = PipelineLauncher.operations(services, client, true);
        OperationsServer server =
                PipelineLauncher.serveOperations(services, operations, new InetSocketAddress("127.0.0.1", 0));
        Map<String, Object> overrides = new HashMap<>(client);
        String bootstrap = (String) overrides.remove("bootstrap.servers");
        StreamsSettings settings = new StreamsSettings(
                bootstrap,
                StreamsSettings.DEFAULT_APPLICATION_ID,
                dir.resolve("streams"),
                1,
                new TopologySettings(2).withMetrics(operations.pipelineMetrics()),
                overrides);
        new Thread(() -> {
                    PipelineLauncher.startStreams(services, operations, client, settings, Optional.of((short) 1));
                    PipelineLauncher.startFileSink(services, operations, client, dir.resolve("tallies"));
                    operations.started();
                })
                .start();
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    /** The history's events and records no agency could have meant: random bytes, refused as UNDECODABLE. */
    private static void publish(Map<String, Object> client, Random random) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ReunificationEvent event : HISTORY.events()) {
                producer.send(new ProducerRecord<>(
                        Topics.eventsTopic(event.getAgency()),
                        event.getCaseId().getBytes(StandardCharsets.UTF_8),
                        EventCodec.encode(event)));
            }
            for (int i = 0; i < GARBAGE; i++) {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                producer.send(new ProducerRecord<>(
                        Topics.eventsTopic(HISTORY.agencies().get(0)),
                        ("g-" + i).getBytes(StandardCharsets.UTF_8),
                        garbage));
            }
        }
    }

    /** What the rules refuse of the history, by reason: the replay refuses what the stream refuses. */
    private static Map<Refusal, Long> replayedRefusals(Map<String, Object> client) {
        Replay replay = new Replay();
        try (HistoryReader reader = new HistoryReader(client)) {
            reader.plan(Optional.empty());
            reader.readInto(replay, records -> {});
        }
        return replay.refusals();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a metric's samples whose labels contain {@code label} (all of them for ""). */
    private static long sum(String scrape, String metric, String label) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(scrape);
        List<Double> values = new ArrayList<>();
        while (matcher.find()) {
            if (matcher.group(1) == null ? label.isEmpty() : matcher.group(1).contains(label)) {
                values.add(Double.parseDouble(matcher.group(2)));
            }
        }
        return Math.round(values.stream().mapToDouble(Double::doubleValue).sum());
    }
}
