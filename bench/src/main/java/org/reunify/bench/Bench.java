package org.reunify.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.reunify.audit.HistoryReader;
import org.reunify.audit.Replay;
import org.reunify.producers.AgencyProvisioning;
import org.reunify.producers.EventProducers;
import org.reunify.schemas.ReadCommitted;
import org.reunify.schemas.Region;
import org.reunify.schemas.Regions;
import org.reunify.schemas.Tally;
import org.reunify.schemas.TopicProvisioner;
import org.reunify.schemas.Topics;
import org.reunify.schemas.Waits;
import org.reunify.schemas.avro.ReunificationEvent;
import org.reunify.sink.TotalsFollower;
import org.reunify.streams.runtime.PipelineTopics;
import org.reunify.streams.runtime.StreamsRunner;
import org.reunify.streams.runtime.StreamsSettings;
import org.reunify.streams.topology.ReunificationTopology;
import org.reunify.streams.topology.TopologySettings;

/**
 * One benchmark run on one broker, phase after phase so that none competes with another for the cores: the raw
 * producer and consumer ceiling, the stock count, the stateful peer ({@link StatefulPeer}), reunify's pipeline
 * (throughput, then latency at a fixed rate, then throughput with one agency on librdkafka's partitioner), and the
 * replay (throughput, then its heap). Every phase that counts is checked against the exact figures; a wrong answer
 * fails the run, the peer's as the pipeline's.
 */
public final class Bench {

    static final String RAW_TOPIC = "bench.raw";
    private static final String STOCK_PREFIX = "bench.stock-events.";
    private static final String PEER_PREFIX = "bench.peer-events.";
    private static final String PIPELINE_ID = "reunify-bench";
    private static final String PEER_ID = "reunify-bench-peer";
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(100);

    /** What to run. */
    public record Settings(
            int cases,
            int agencies,
            int partitions,
            int threads,
            long rawRecords,
            int recordBytes,
            int probeRate,
            Duration probeDuration,
            long seed,
            Map<String, String> pipelineConfig) {}

    private final Map<String, Object> client;
    private final Settings settings;
    private final Path workDir;
    private final PrintWriter out;
    private final AtomicReference<String> streamsFailure = new AtomicReference<>();

    public Bench(Map<String, Object> client, Settings settings, Path workDir, PrintWriter out) {
        this.client = Map.copyOf(client);
        this.settings = settings;
        this.workDir = workDir;
        this.out = out;
    }

    public BenchReport run() throws Exception {
        BenchHistory history = new BenchHistory(settings.cases(), settings.agencies(), settings.seed());
        Map<String, long[]> expected = history.expected();
        provisionTopics(history);

        say(
                "raw producer: %,d records of %d bytes, acks=all, idempotent",
                settings.rawRecords(), settings.recordBytes());
        Rate rawProducer = RawCeiling.produce(client, RAW_TOPIC, settings.rawRecords(), settings.recordBytes());
        Rate rawConsumer = RawCeiling.consume(client, partitions(RAW_TOPIC));

        say("stock count: groupBy(region).count(), exactly_once_v2, while %,d events are published", history.size());
        Rate stock = stockCount(history);

        say(
                "stateful peer: the same job in the stock DSL (a per-case aggregate, then groupBy(region) with an "
                        + "adder and a subtractor), exactly_once_v2, while %,d events are published",
                history.size());
        Rate peer = statefulPeer(history, expected);
        Changelogs peerChangelogs = changelogs(
                Map.of(
                        StatefulPeer.CASES, changelog(PEER_ID, StatefulPeer.CASES),
                        StatefulPeer.TOTALS, changelog(PEER_ID, StatefulPeer.TOTALS)),
                history.size());

        say(
                "pipeline: reunify's topology, exactly_once_v2, while %,d events of %,d cases are published",
                history.size(), history.cases());
        PipelineFigures pipeline = runPipeline(history, expected);

        say("replay: the whole history, as `reunify replay` reads it");
        Rate agencyTopics = RawCeiling.consume(client, agencyPartitions(history));
        long start = System.nanoTime();
        Replayed replayed = replay(records -> {});
        Rate replayRate = Rate.since(replayed.records(), start);
        boolean replayExact = matches(replayed.tallies(), pipeline.finalExpected());

        say("replay's heap: the same replay again, its live heap measured every %,d records", HeapSampler.EVERY);
        long heapBefore = RetainedHeap.megabytesAfterFullGc();
        HeapSampler heap = new HeapSampler();
        replay(heap);
        long replayHeap = heap.most() - heapBefore;

        return new BenchReport(
                settings,
                history.size(),
                rawProducer,
                rawConsumer,
                stock,
                peer,
                pipeline.rate(),
                pipeline.latency(),
                pipeline.foreignPartitioner(),
                replayRate,
                agencyTopics,
                pipeline.heapMegabytes(),
                replayHeap,
                pipeline.changelogs(),
                peerChangelogs,
                pipeline.exact() && replayExact);
    }

    /** What a replay found, without the replay: the heap it held is free once it returns. */
    private record Replayed(List<Tally> tallies, long records) {}

    private Replayed replay(LongConsumer progress) {
        Replay replay = new Replay();
        try (HistoryReader reader = new HistoryReader(client)) {
            reader.plan(Optional.empty());
            reader.readInto(replay, progress);
        }
        return new Replayed(replay.tallies(), replay.records());
    }

    /** What the pipeline phases found; the expected totals include the latency probe's cases. */
    private record PipelineFigures(
            Rate rate,
            LatencyProbe.Result latency,
            Rate foreignPartitioner,
            long heapMegabytes,
            Changelogs changelogs,
            boolean exact,
            Map<String, long[]> finalExpected) {}

    private PipelineFigures runPipeline(BenchHistory history, Map<String, long[]> expected) throws Exception {
        long heapBefore = RetainedHeap.megabytesAfterFullGc();
        StreamsSettings pipeline = new StreamsSettings(
                bootstrap(),
                PIPELINE_ID,
                workDir.resolve("pipeline"),
                settings.threads(),
                new TopologySettings(settings.partitions()),
                pipelineOverrides());
        try (StreamsRunner streams =
                StreamsRunner.start(pipeline, streamsFailure::set).awaitRunning(STARTUP_TIMEOUT)) {
            long start = publish(history, Topics::eventsTopic, Set.of());
            awaitTotals(expected);
            Rate rate = Rate.since(history.size(), start);

            say(
                    "latency: %,d new cases at %,d events/s",
                    (long) settings.probeRate() * settings.probeDuration().toSeconds(), settings.probeRate());
            Map<String, long[]> finalExpected = new TreeMap<>(expected);
            LatencyProbe.Result latency = probe(history, expected, finalExpected);
            awaitTotals(finalExpected);

            BenchHistory foreign =
                    new BenchHistory("f", Math.max(10, settings.cases() / 4), settings.agencies(), settings.seed() + 1);
            String crc32Agency = foreign.agencies().get(0);
            say(
                    "foreign partitioner: %,d events of %,d new cases, %s publishing with librdkafka's partitioner",
                    foreign.size(), foreign.cases(), crc32Agency);
            foreign.expected().forEach((region, counts) -> finalExpected.merge(region, counts, Bench::add));
            long foreignStart = publish(foreign, Topics::eventsTopic, Set.of(crc32Agency));
            boolean exact = awaitTotals(finalExpected);
            Rate foreignRate = Rate.since(foreign.size(), foreignStart);
            long heap = RetainedHeap.megabytesAfterFullGc() - heapBefore;
            long events = history.size() + latency.events() + foreign.size();
            Changelogs changelogs = changelogs(ReunificationTopology.changelogTopics(PIPELINE_ID), events);
            return new PipelineFigures(rate, latency, foreignRate, heap, changelogs, exact, finalExpected);
        }
    }

    /** A streams app that stops for good ends the run at the next wait: its figures would mean nothing. */
    private void streamsAlive() {
        String failure = streamsFailure.get();
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private void provisionTopics(BenchHistory history) {
        try (Admin admin = Admin.create(client)) {
            TopicProvisioner topics = new TopicProvisioner(admin);
            topics.ensure(RAW_TOPIC, settings.partitions(), Optional.empty(), Map.of());
            AgencyProvisioning agencies = new AgencyProvisioning(admin);
            for (String agency : history.agencies()) {
                agencies.add(agency, OptionalInt.of(settings.partitions()), Optional.empty());
                topics.ensure(STOCK_PREFIX + agency, settings.partitions(), Optional.empty(), Topics.EVENTS_CONFIG);
                topics.ensure(PEER_PREFIX + agency, settings.partitions(), Optional.empty(), Topics.EVENTS_CONFIG);
            }
            topics.ensure(StockCount.OUTPUT, settings.partitions(), Optional.empty(), Topics.TOTALS_CONFIG);
            topics.ensure(StatefulPeer.OUTPUT, settings.partitions(), Optional.empty(), Topics.TOTALS_CONFIG);
            PipelineTopics.ensure(admin, settings.partitions(), Optional.empty());
        }
    }

    private Rate stockCount(BenchHistory history) throws InterruptedException {
        Properties config = peerConfig("reunify-bench-stock", "stock");
        try (StreamsRunner streams = StreamsRunner.start(
                        StockCount.topology(Pattern.compile(Pattern.quote(STOCK_PREFIX) + ".+"), config),
                        config,
                        streamsFailure::set)
                .awaitRunning(STARTUP_TIMEOUT)) {
            long start = publish(history, agency -> STOCK_PREFIX + agency, Set.of());
            awaitStockCount(history.regionEvents());
            return Rate.since(history.size(), start);
        }
    }

    private Rate statefulPeer(BenchHistory history, Map<String, long[]> expected) throws InterruptedException {
        Properties config = peerConfig(PEER_ID, "peer");
        List<String> inputs =
                history.agencies().stream().map(agency -> PEER_PREFIX + agency).toList();
        try (StreamsRunner streams = StreamsRunner.start(
                        StatefulPeer.topology(inputs, config), config, streamsFailure::set)
                .awaitRunning(STARTUP_TIMEOUT)) {
            long start = publish(history, agency -> PEER_PREFIX + agency, Set.of());
            follow(
                    StatefulPeer.OUTPUT,
                    PeerCounts.SERDE.deserializer(),
                    totals -> totalsEqual(totals, expected),
                    "the stateful peer's exact totals (a fast wrong answer does not count)");
            return Rate.since(history.size(), start);
        }
    }

    /** Whether the peer's regional totals are the expected ones; it keeps no national tally, so that is their sum. */
    private static boolean totalsEqual(Map<String, PeerCounts> totals, Map<String, long[]> expected) {
        for (Region region : Regions.all()) {
            long[] counts = expected.getOrDefault(region.code(), new long[2]);
            PeerCounts total = totals.getOrDefault(region.code(), PeerCounts.ZERO);
            if (total.deported() != counts[0] || total.returned() != counts[1]) {
                return false;
            }
        }
        return true;
    }

    /** A stock streams app's config: the one the documentation starts from, with exactly-once. */
    private Properties peerConfig(String applicationId, String stateDir) {
        Properties config = new Properties();
        config.putAll(overrides());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve(stateDir).toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        return config;
    }

    private static String changelog(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    private Changelogs changelogs(Map<String, String> topics, long events) {
        try (Admin admin = Admin.create(client)) {
            return Changelogs.measure(client, admin, topics, events);
        }
    }

    /**
     * Publishes the history as agencies would, as fast as the broker takes it; returns when the first send began.
     *
     * @param crc32Agencies agencies whose producer partitions as librdkafka does, the others as Java's default
     */
    private long publish(
            Iterable<ReunificationEvent> events, Function<String, String> topicOfAgency, Set<String> crc32Agencies) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<String, Object> crc32 = new HashMap<>(client);
        crc32.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class);
        long start = System.nanoTime();
        try (KafkaProducer<String, ReunificationEvent> java = EventProducers.create(client, "reunify-bench-publisher");
                KafkaProducer<String, ReunificationEvent> librdkafka =
                        EventProducers.create(crc32, "reunify-bench-crc32-publisher")) {
            for (ReunificationEvent event : events) {
                KafkaProducer<String, ReunificationEvent> producer =
                        crc32Agencies.contains(event.getAgency()) ? librdkafka : java;
                producer.send(
                        new ProducerRecord<>(topicOfAgency.apply(event.getAgency()), event.getCaseId(), event),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            java.flush();
            librdkafka.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "publishing failed: " + failure.get().getMessage(), failure.get());
        }
        return start;
    }

    /**
     * New cases, one region after another, at the probe rate; the totals must count each within the latency measured.
     */
    private LatencyProbe.Result probe(BenchHistory history, Map<String, long[]> before, Map<String, long[]> after)
            throws Exception {
        List<Region> regions = Regions.all();
        Map<String, Long> deportedBefore = new HashMap<>();
        before.forEach((region, counts) -> deportedBefore.put(region, counts[0]));
        long events = (long) settings.probeRate() * settings.probeDuration().toSeconds();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (LatencyProbe probe = new LatencyProbe(client, deportedBefore);
                KafkaProducer<String, ReunificationEvent> producer =
                        EventProducers.create(client, "reunify-bench-probe")) {
            long start = System.nanoTime();
            for (long i = 0; i < events; i++) {
                String region = regions.get((int) (i % regions.size())).code();
                String agency =
                        history.agencies().get((int) (i % history.agencies().size()));
                ReunificationEvent event = BenchHistory.probeEvent(agency, i, region);
                producer.send(Topics.events(agency).record(event.getCaseId(), event), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        probe.appended(region, metadata.timestamp());
                    }
                });
                after.merge(region, new long[] {1, 0}, Bench::add);
                after.merge(Regions.NATIONAL_CODE, new long[] {1, 0}, Bench::add);
                pace(start, i + 1, settings.probeRate());
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException(
                        "the probe could not publish: " + failure.get().getMessage(), failure.get());
            }
            Waits.until(
                    SETTLE_TIMEOUT,
                    () -> {
                        streamsAlive();
                        return probe.complete();
                    },
                    "the probe's events to reach the totals");
            return probe.result(settings.probeRate());
        }
    }

    private static long[] add(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1]};
    }

    private static void pace(long start, long sent, int perSecond) throws InterruptedException {
        long wait = start + sent * 1_000_000_000L / perSecond - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Follows the totals until every region shows the expected figures; true once they do. */
    private boolean awaitTotals(Map<String, long[]> expected) {
        try (TotalsFollower totals = new TotalsFollower(client)) {
            Waits.until(
                    SETTLE_TIMEOUT,
                    Duration.ZERO,
                    () -> {
                        streamsAlive();
                        totals.poll(POLL);
                        return matches(totals.current().values(), expected);
                    },
                    "the exact figures in the totals (a fast wrong answer does not count)");
        }
        return true;
    }

    static boolean matches(Collection<Tally> tallies, Map<String, long[]> expected) {
        Map<String, Tally> byRegion = new HashMap<>();
        tallies.forEach(tally -> byRegion.put(tally.code(), tally));
        for (Region region : Regions.allWithNational()) {
            long[] counts = expected.getOrDefault(region.code(), new long[2]);
            Tally tally = byRegion.get(region.code());
            long deported = tally == null ? 0 : tally.deported();
            long returned = tally == null ? 0 : tally.returned();
            if (deported != counts[0] || returned != counts[1]) {
                return false;
            }
        }
        return true;
    }

    private void awaitStockCount(long events) {
        Map<String, Long> counts = follow(
                StockCount.OUTPUT,
                new LongDeserializer(),
                latest -> latest.values().stream().mapToLong(Long::longValue).sum() >= events,
                "the stock count to count every event");
        long counted = counts.values().stream().mapToLong(Long::longValue).sum();
        if (counted != events) {
            throw new IllegalStateException("the stock count counted " + counted + " events, not " + events);
        }
    }

    /**
     * Reads a baseline's output, read committed, until the latest value of every key satisfies {@code done}; returns
     * those values.
     */
    private <V> Map<String, V> follow(
            String topic, Deserializer<V> values, Predicate<Map<String, V>> done, String what) {
        Map<String, Object> config = ReadCommitted.consumerConfig(client, "reunify-bench-" + topic);
        Map<String, V> latest = new HashMap<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Waits.until(
                    SETTLE_TIMEOUT,
                    Duration.ZERO,
                    () -> {
                        streamsAlive();
                        consumer.poll(POLL).forEach(record -> latest.put(record.key(), record.value()));
                        return done.test(latest);
                    },
                    what);
        }
        return latest;
    }

    private List<TopicPartition> partitions(String topic) {
        try (Admin admin = Admin.create(client)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }

    private List<TopicPartition> agencyPartitions(BenchHistory history) {
        return history.agencies().stream()
                .flatMap(agency -> partitions(Topics.eventsTopic(agency)).stream())
                .toList();
    }

    private String bootstrap() {
        return (String) client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    private Map<String, Object> overrides() {
        Map<String, Object> overrides = new HashMap<>(client);
        overrides.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return overrides;
    }

    private Map<String, Object> pipelineOverrides() {
        Map<String, Object> overrides = overrides();
        overrides.putAll(settings.pipelineConfig());
        return overrides;
    }

    private void say(String format, Object... args) {
        out.printf("bench: " + format + "%n", args);
        out.flush();
    }
}
