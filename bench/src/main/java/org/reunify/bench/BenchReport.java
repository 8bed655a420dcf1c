package org.reunify.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one run, the ratios the targets are stated in, and whether each target is met. */
public record BenchReport(
        Bench.Settings settings,
        long events,
        Rate rawProducer,
        Rate rawConsumer,
        Rate stockCount,
        Rate statefulPeer,
        Rate pipeline,
        LatencyProbe.Result latency,
        Rate foreignPartitioner,
        Rate replay,
        Rate agencyTopicsRead,
        long pipelineHeapMegabytes,
        long replayHeapMegabytes,
        Changelogs pipelineChangelogs,
        Changelogs peerChangelogs,
        boolean exact) {

    static final double PIPELINE_TARGET = 100_000;
    static final double STOCK_RATIO_AIM = 0.8;
    static final double PEER_RATIO_TARGET = 1.2;
    static final long P99_TARGET_MILLIS = 250;
    static final double REPLAY_RATIO_TARGET = 0.3;
    static final long HEAP_TARGET_MEGABYTES = 512;

    double pipelineOverRawProducer() {
        return pipeline.perSecond() / rawProducer.perSecond();
    }

    double pipelineOverStock() {
        return pipeline.perSecond() / stockCount.perSecond();
    }

    double pipelineOverPeer() {
        return pipeline.perSecond() / statefulPeer.perSecond();
    }

    double replayOverRawConsumer() {
        return replay.perSecond() / rawConsumer.perSecond();
    }

    double replayOverAgencyTopicsRead() {
        return replay.perSecond() / agencyTopicsRead.perSecond();
    }

    /** A Markdown table, as README.md shows it. */
    public String table() {
        StringBuilder table = new StringBuilder();
        table.append("| measure | figure | ratio | target |\n|---|---:|---:|---|\n");
        row(
                table,
                "raw producer: " + settings.recordBytes() + "-byte records, acks=all, idempotent",
                rate(rawProducer),
                "",
                "");
        row(table, "raw consumer: the same records", rate(rawConsumer), "", "");
        row(table, "stock Kafka Streams groupBy(region).count(), exactly_once_v2", rate(stockCount), "", "");
        row(
                table,
                "stateful peer: the same job in the stock DSL (per-case aggregate, groupBy(region) with adder and "
                        + "subtractor), exactly_once_v2, exact totals",
                rate(statefulPeer),
                "",
                "");
        row(
                table,
                String.format(
                        "reunify pipeline, exactly_once_v2: first publish to exact totals, %,d events of %,d cases",
                        events, settings.cases()),
                rate(pipeline),
                "",
                met(pipeline.perSecond() >= PIPELINE_TARGET, "≥ 100,000 events/s"));
        row(table, "pipeline / raw producer", "", ratio(pipelineOverRawProducer()), "");
        row(
                table,
                "pipeline / stateful peer",
                "",
                ratio(pipelineOverPeer()),
                met(pipelineOverPeer() >= PEER_RATIO_TARGET, "≥ 1.2"));
        row(
                table,
                "pipeline / stock count (the ceiling: it de-duplicates nothing and keeps no case)",
                "",
                ratio(pipelineOverStock()),
                met(pipelineOverStock() >= STOCK_RATIO_AIM, "aim ≥ 0.8"));
        row(table, "pipeline's changelogs per event", changelogs(pipelineChangelogs), "", "");
        row(table, "stateful peer's changelogs per event", changelogs(peerChangelogs), "", "");
        row(
                table,
                String.format(
                        "publish-to-tally latency at %,d events/s (%,d events)", latency.rate(), latency.events()),
                String.format(
                        "p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms",
                        latency.p50Millis(), latency.p99Millis(), latency.p999Millis(), latency.maxMillis()),
                "",
                met(latency.p99Millis() <= P99_TARGET_MILLIS, "p99 ≤ 250 ms"));
        row(
                table,
                String.format(
                        "pipeline with a foreign partitioner: %,d events of new cases, one agency of %d on "
                                + "librdkafka's CRC32",
                        foreignPartitioner.records(), settings.agencies()),
                rate(foreignPartitioner),
                "",
                "");
        row(table, "replay (`reunify replay`), the whole history", rate(replay), "", "");
        row(table, "plain consumer of the same agency topics", rate(agencyTopicsRead), "", "");
        row(
                table,
                "replay / plain consumer of the agency topics",
                "",
                ratio(replayOverAgencyTopicsRead()),
                met(replayOverAgencyTopicsRead() >= REPLAY_RATIO_TARGET, "≥ 0.3"));
        row(table, "replay / raw consumer", "", ratio(replayOverRawConsumer()), "");
        row(
                table,
                String.format(
                        "the pipeline's heap with %,d cases in its state: live after a full GC, less the JVM's "
                                + "before it started",
                        settings.cases()),
                pipelineHeapMegabytes + " MB",
                "",
                met(pipelineHeapMegabytes <= HEAP_TARGET_MEGABYTES, "≤ 512 MB"));
        row(
                table,
                "the replay's heap: the most it held live after a full GC while reading, less the JVM's before",
                replayHeapMegabytes + " MB",
                "",
                met(replayHeapMegabytes <= HEAP_TARGET_MEGABYTES, "≤ 512 MB"));
        row(table, "totals and replay exact", exact ? "yes" : "NO", "", met(exact, "yes"));
        return table.toString();
    }

    private static void row(StringBuilder table, String measure, String figure, String ratio, String target) {
        table.append("| ")
                .append(measure)
                .append(" | ")
                .append(figure)
                .append(" | ")
                .append(ratio)
                .append(" | ")
                .append(target)
                .append(" |\n");
    }

    private static String rate(Rate rate) {
        return String.format("%,.0f/s (%,d in %.1f s)", rate.perSecond(), rate.records(), rate.seconds());
    }

    /** Per event in all, then per store: the profile of what the app writes. */
    private static String changelogs(Changelogs changelogs) {
        StringBuilder stores = new StringBuilder();
        changelogs
                .stores()
                .forEach((store, written) -> stores.append(String.format(
                        "; %s %.2f, %.0f B",
                        store,
                        (double) written.records() / changelogs.events(),
                        (double) written.bytes() / changelogs.events())));
        return String.format(
                "%.2f records, %.0f bytes (%,d events%s)",
                changelogs.recordsPerEvent(), changelogs.bytesPerEvent(), changelogs.events(), stores);
    }

    private static Map<String, Double> bytesPerEventByStore(Changelogs changelogs) {
        Map<String, Double> stores = new LinkedHashMap<>();
        changelogs
                .stores()
                .forEach((store, written) -> stores.put(store, (double) written.bytes() / changelogs.events()));
        return stores;
    }

    private static String ratio(double ratio) {
        return String.format("%.2f×", ratio);
    }

    private static String met(boolean met, String target) {
        return (met ? "met: " : "NOT met: ") + target;
    }

    /** The same figures for programs. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cases", settings.cases());
        json.put("agencies", settings.agencies());
        json.put("partitions", settings.partitions());
        json.put("threads", settings.threads());
        json.put("rawRecords", settings.rawRecords());
        json.put("recordBytes", settings.recordBytes());
        json.put("probeRate", settings.probeRate());
        json.put("probeSeconds", settings.probeDuration().toSeconds());
        json.put("pipelineConfig", settings.pipelineConfig());
        json.put("events", events);
        json.put("rawProducerPerSecond", Math.round(rawProducer.perSecond()));
        json.put("rawConsumerPerSecond", Math.round(rawConsumer.perSecond()));
        json.put("stockCountPerSecond", Math.round(stockCount.perSecond()));
        json.put("pipelinePerSecond", Math.round(pipeline.perSecond()));
        json.put("pipelineOverRawProducer", pipelineOverRawProducer());
        json.put("pipelineOverStockCount", pipelineOverStock());
        json.put("statefulPeerPerSecond", Math.round(statefulPeer.perSecond()));
        json.put("pipelineOverStatefulPeer", pipelineOverPeer());
        json.put("changelogRecordsPerEvent", pipelineChangelogs.recordsPerEvent());
        json.put("changelogBytesPerEvent", pipelineChangelogs.bytesPerEvent());
        json.put("changelogBytesPerEventByStore", bytesPerEventByStore(pipelineChangelogs));
        json.put("statefulPeerChangelogRecordsPerEvent", peerChangelogs.recordsPerEvent());
        json.put("statefulPeerChangelogBytesPerEvent", peerChangelogs.bytesPerEvent());
        json.put("latencyEvents", latency.events());
        json.put("latencyP50Millis", latency.p50Millis());
        json.put("latencyP99Millis", latency.p99Millis());
        json.put("latencyP999Millis", latency.p999Millis());
        json.put("latencyMaxMillis", latency.maxMillis());
        json.put("foreignPartitionerEvents", foreignPartitioner.records());
        json.put("foreignPartitionerPerSecond", Math.round(foreignPartitioner.perSecond()));
        json.put("replayPerSecond", Math.round(replay.perSecond()));
        json.put("replayOverRawConsumer", replayOverRawConsumer());
        json.put("agencyTopicsPlainReadPerSecond", Math.round(agencyTopicsRead.perSecond()));
        json.put("replayOverAgencyTopicsPlainRead", replayOverAgencyTopicsRead());
        json.put("pipelineHeapMegabytes", pipelineHeapMegabytes);
        json.put("replayHeapMegabytes", replayHeapMegabytes);
        json.put("exact", exact);
        return json;
    }
}
