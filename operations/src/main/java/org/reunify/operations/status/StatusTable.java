package org.reunify.operations.status;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** The report on one screen, section by section, its problems last, for an operator at a terminal. */
public final class StatusTable {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private StatusTable() {}

    public static void print(StatusReport report, PrintWriter out) {
        out.printf("reunify status at %s UTC%n", UTC.format(report.at()));
        report.cluster()
                .ifPresent(cluster -> out.printf(
                        "%ncluster %s: %d broker%s%s%n",
                        cluster.clusterId(),
                        cluster.brokers(),
                        cluster.brokers() == 1 ? "" : "s",
                        cluster.controller().isPresent()
                                ? ", controller " + cluster.controller().getAsInt()
                                : ""));
        report.topics().ifPresent(topics -> printTopics(topics, out));
        report.streams().ifPresent(streams -> printStreams(streams, out));
        printAgencies(report, out);
        if (report.cluster().isPresent()) {
            printSinks(report.sinks(), out);
        }
        report.refusals().ifPresent(refusals -> printRefusals(refusals, out));
        List<String> problems = report.problems();
        if (problems.isEmpty()) {
            out.printf("%nOK%n");
        } else {
            out.printf("%n%d PROBLEM%s%n", problems.size(), problems.size() == 1 ? "" : "S");
            problems.forEach(problem -> out.println("  - " + problem));
        }
        out.flush();
    }

    private static void printTopics(TopicsCheck topics, PrintWriter out) {
        out.printf("%n%-48s %10s %8s  %s%n", "TOPIC", "PARTITIONS", "REPLICAS", "CONFIGS");
        topics.topics()
                .forEach(topic -> out.printf(
                        "%-48s %10d %8d  %s%n",
                        topic.name(), topic.partitions(), topic.replicas(), topic.safe() ? "safe" : "UNSAFE"));
    }

    private static void printStreams(StreamsAppStatus streams, PrintWriter out) {
        out.printf(
                "%nstreams app '%s': %s (%s protocol), %d member%s%n",
                streams.applicationId(),
                streams.state(),
                streams.protocol(),
                streams.members().size(),
                streams.members().size() == 1 ? "" : "s");
        streams.members().forEach(member -> out.println("  " + member));
    }

    private static void printAgencies(StatusReport report, PrintWriter out) {
        if (report.agencies().isEmpty()) {
            return;
        }
        Map<String, Long> lag =
                report.streams().map(StreamsAppStatus::lagByAgency).orElse(Map.of());
        out.printf("%n%-32s %10s %12s  %s%n", "AGENCY", "PARTITIONS", "LAG", "LATEST EVENT (UTC)");
        report.agencies()
                .forEach(agency -> out.printf(
                        "%-32s %10d %,12d  %s%n",
                        agency.agency(),
                        agency.partitions(),
                        lag.getOrDefault(agency.agency(), 0L),
                        agency.latestEvent().map(UTC::format).orElse("-")));
    }

    private static void printSinks(List<SinkPosition> sinks, PrintWriter out) {
        if (sinks.isEmpty()) {
            out.printf("%nsinks: none to check (--sink-dir, --jdbc-url)%n");
            return;
        }
        out.printf("%n%-10s %-28s %8s %12s  %s%n", "SINK", "TOPIC", "BEHIND", "WAITING", "WHERE");
        sinks.forEach(sink -> out.printf(
                "%-10s %-28s %,8d %12s  %s%n",
                sink.sink(),
                sink.topic(),
                sink.behind(),
                sink.waiting().map(StatusTable::duration).orElse("-"),
                sink.where()));
    }

    private static void printRefusals(RefusalCounts refusals, PrintWriter out) {
        SortedMap<String, Long> hour = refusals.lastHour();
        SortedMap<String, Long> day = refusals.lastDay();
        if (day.isEmpty()) {
            out.printf("%nrefused: none in the last day%n");
            return;
        }
        out.printf("%n%-24s %10s %10s%n", "REFUSED", "LAST HOUR", "LAST DAY");
        day.forEach((code, count) -> out.printf("%-24s %,10d %,10d%n", code, hour.getOrDefault(code, 0L), count));
    }

    /** {@code 850 ms}, {@code 42 s}, {@code 3 min 5 s}, {@code 2 h 7 min}. */
    public static String duration(Duration duration) {
        if (duration.toSeconds() < 1) {
            return duration.toMillis() + " ms";
        }
        if (duration.toMinutes() < 1) {
            return duration.toSeconds() + " s";
        }
        if (duration.toHours() < 1) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return duration.toHours() + " h " + duration.toMinutesPart() + " min";
    }
}
