package org.reunify.streams.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.reunify.schemas.AdminCalls;
import org.reunify.schemas.TopicProvisioner;
import org.reunify.schemas.Topics;
import org.reunify.streams.topology.ReunificationTopology;
import org.reunify.streams.topology.TopologySettings;

/**
 * Topic configs under which the pipeline would lose or miscount data, or be unable to write what it must. A topic
 * someone created by hand, or altered since, must not quietly delete evidence, nor refuse a record the pipeline writes
 * (a refusal the broker will not take would stop the count).
 *
 * <p>What follows from a problem depends on whose topic it is (docs/decisions.md #33): a topic the pipeline writes or
 * keeps its state in stops the streams app before it starts; an agency topic is left out of the count, named, until
 * it is fixed, while every other agency counts on, for nothing about one agency may stop another's count.
 */
public final class TopicGuard {

    /** Events compacted by key would keep one event per case and lose the rest. */
    private static final Map<String, String> EVENTS_REQUIRED = withDeletePolicy(Topics.EVENTS_CONFIG);
    /** What the app's own repartition topics and changelogs need to hold their largest record. */
    private static final Map<String, String> INTERNAL_REQUIRED =
            Map.of(Topics.MAX_MESSAGE_BYTES, Integer.toString(PipelineStreams.INTERNAL_TOPIC_MAX_MESSAGE_BYTES));
    /**
     * Changelogs of stores in which earlier versions kept the cases' state: whole case histories before the
     * order-independent rules, summaries and shares apart before the compact case state (decision #23); region tallies
     * alone, before the destination and daily tallies; the compact case state without occurrence days and the times
     * of refusals, before the timeline and the days exact in every order (decision #34). Their app's committed offsets
     * and tallies cannot be continued by this version: the cases' state would start empty under tallies that already
     * count them, or the new tallies would miss the cases already counted.
     */
    private static final List<String> EARLIER_VERSION_CHANGELOGS = List.of(
            "-case-histories-changelog",
            "-case-summaries-changelog",
            "-region-tallies-changelog",
            "-case-states-changelog");

    /**
     * Changelogs of stores earlier versions kept and this one does without, their state being of no use to it: the
     * original bytes of the records the rules may still refuse late, which this version reads back from the agency
     * topics (decision #41). Left alone they hold copies of agency records for nothing, so they are named.
     */
    private static final List<String> RETIRED_CHANGELOGS = List.of("-held-records-changelog");

    private TopicGuard() {}

    /** What a problem does to the pipeline. */
    public enum Effect {
        /** A topic the pipeline writes or keeps its state in: the streams app does not start. */
        REFUSE_TO_RUN,
        /** An agency topic: not counted until it is fixed; the other agencies count on. */
        AGENCY_LEFT_OUT,
        /** Counted, but an operator should act: a protection the brokers lack, or an inconsistency the rules absorb. */
        WARNING
    }

    /**
     * A configuration under which the pipeline would lose or miscount data, or lacks a protection.
     *
     * @param topic   the topic at fault; empty for a problem of the agency topics together (their partition counts)
     * @param problem what is wrong and how to fix it
     */
    public record Finding(Optional<String> topic, String problem, Effect effect) {}

    /**
     * @param checked  every existing topic of the pipeline whose configs were checked: agency, published, rejected and
     *                 the app's internal topics
     * @param findings empty when the topics are safe
     */
    public record Review(SortedSet<String> checked, List<Finding> findings) {

        /** The findings with this effect. */
        public List<Finding> with(Effect effect) {
            return findings.stream()
                    .filter(finding -> finding.effect() == effect)
                    .toList();
        }
    }

    /**
     * The agency topics and what is wrong with them.
     *
     * @param topics   every agency topic, with its partition count
     * @param findings why some are left out of the count, and what the counted ones lack
     */
    public record Agencies(SortedMap<String, Integer> topics, List<Finding> findings) {

        /** The agency topics the streams app may count now, with their partition counts. */
        public SortedMap<String, Integer> countable() {
            Set<String> leftOut = findings.stream()
                    .filter(finding -> finding.effect() == Effect.AGENCY_LEFT_OUT)
                    .flatMap(finding -> finding.topic().stream())
                    .collect(Collectors.toSet());
            SortedMap<String, Integer> countable = new TreeMap<>(topics);
            countable.keySet().removeAll(leftOut);
            return countable;
        }
    }

    /**
     * Refuses to start on a problem of the pipeline's own topics; returns the review, whose agency findings the streams
     * app reports as it leaves those topics out.
     *
     * @param casePartitions how many partitions the app spreads the cases over ({@link TopologySettings#partitions})
     * @throws IllegalStateException naming every problem of the pipeline's own topics and how to fix it
     */
    public static Review check(Admin admin, String applicationId, int casePartitions) {
        Review review = review(admin, applicationId, casePartitions);
        List<Finding> refusals = review.with(Effect.REFUSE_TO_RUN);
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("refusing to run, the topics would lose or miscount data:\n  - "
                    + refusals.stream().map(Finding::problem).collect(Collectors.joining("\n  - ")));
        }
        return review;
    }

    /** Every check, read-only, each problem with its topic and effect: for the streams app and for status. */
    public static Review review(Admin admin, String applicationId, int casePartitions) {
        Agencies agencies = agencies(admin, casePartitions);
        Map<String, Map<String, String>> required = new TreeMap<>();
        Topics.PUBLISHED.forEach(topic -> required.put(topic.name(), topic.configs()));
        required.put(Topics.REJECTED.name(), Topics.REJECTED.configs());
        Set<String> topics = AdminCalls.await(admin.listTopics().names(), "list the topics");
        ReunificationTopology.internalTopics(applicationId).stream()
                .filter(topics::contains)
                .forEach(topic -> required.put(topic, INTERNAL_REQUIRED));

        List<Finding> findings = new ArrayList<>(agencies.findings());
        required.keySet().stream()
                .filter(topic -> !topics.contains(topic))
                .forEach(topic -> findings.add(new Finding(
                        Optional.of(topic),
                        topic + " does not exist: the streams app creates it when it starts",
                        Effect.REFUSE_TO_RUN)));
        required.keySet().retainAll(topics);
        findings.addAll(configFindings(admin, required));
        for (String earlier : EARLIER_VERSION_CHANGELOGS) {
            if (topics.contains(applicationId + earlier)) {
                findings.add(new Finding(
                        Optional.of(applicationId + earlier),
                        "the streams app '" + applicationId
                                + "' holds state written by an earlier version of reunify (" + applicationId + earlier
                                + "), which this one cannot continue; count the history again from its start: stop "
                                + "every instance, reset the app (kafka-streams-application-reset.sh --application-id "
                                + applicationId
                                + " --input-topics <every agency topic> --force, and delete its local state), or run "
                                + "with a new --application-id",
                        Effect.REFUSE_TO_RUN));
            }
        }
        for (String retired : RETIRED_CHANGELOGS) {
            String topic = applicationId + retired;
            if (topics.contains(topic)) {
                findings.add(new Finding(
                        Optional.of(topic),
                        topic + " is no longer used: it holds copies of agency records that this version of reunify "
                                + "reads back from the agency topics when it must; delete it (kafka-topics.sh --delete "
                                + "--topic " + topic + ")",
                        Effect.WARNING));
            }
        }
        SortedSet<String> checked = new TreeSet<>(required.keySet());
        checked.addAll(agencies.topics().keySet());
        return new Review(checked, List.copyOf(findings));
    }

    /**
     * Every agency topic and the findings about it: what the streams app reads each time it looks for agencies that
     * joined or left.
     */
    public static Agencies agencies(Admin admin, int casePartitions) {
        SortedMap<String, Integer> topics = new TreeMap<>();
        new TopicProvisioner(admin)
                .agencyPartitions()
                .forEach((agency, partitions) -> topics.put(Topics.eventsTopic(agency), partitions));
        Map<String, Map<String, String>> required = new TreeMap<>();
        topics.keySet().forEach(topic -> required.put(topic, EVENTS_REQUIRED));
        List<Finding> findings = new ArrayList<>(configFindings(admin, required));
        findings.addAll(partitionFindings(topics, casePartitions));
        return new Agencies(topics, List.copyOf(findings));
    }

    private static List<Finding> configFindings(Admin admin, Map<String, Map<String, String>> required) {
        if (required.isEmpty()) {
            return List.of();
        }
        List<ConfigResource> resources = required.keySet().stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList();
        Map<ConfigResource, Config> actual =
                AdminCalls.await(admin.describeConfigs(resources).all(), "describe the topics' configs");
        List<Finding> findings = new ArrayList<>();
        required.forEach((topic, configs) -> {
            Config config = actual.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            configs.forEach(
                    (name, value) -> judge(topic, name, value, config.get(name)).ifPresent(findings::add));
        });
        return findings;
    }

    /**
     * One config of one topic against what it must be.
     *
     * @param entry null when the broker does not know the config at all
     */
    static Optional<Finding> judge(String topic, String name, String required, ConfigEntry entry) {
        if (Topics.MAX_DECOMPRESSED_MESSAGE_BYTES.equals(name)) {
            return judgeDecompressionBound(topic, required, entry);
        }
        String found = entry == null ? null : entry.value();
        if (isSafe(name, required, found)) {
            return Optional.empty();
        }
        boolean agencyTopic = Topics.agencyOf(topic).isPresent();
        return Optional.of(new Finding(
                Optional.of(topic),
                topic + " has " + name + "=" + found + ", it must be " + (isMinimum(name) ? "at least " : "")
                        + required + (agencyTopic ? "; its events are not counted until it is fixed" : "") + " ("
                        + alter(topic, name, required) + ")",
                agencyTopic ? Effect.AGENCY_LEFT_OUT : Effect.REFUSE_TO_RUN));
    }

    /**
     * An agency topic without a bound on what its records decompress to is counted, and named: it loses nothing, and
     * topics made before the setting existed (on brokers before Kafka 4.3.2, or provisioned by an earlier reunify)
     * must go on counting after an upgrade. Any bound up to the broker's own batch size protects the stream; reunify
     * provisions a smaller one.
     */
    private static Optional<Finding> judgeDecompressionBound(String topic, String provisioned, ConfigEntry entry) {
        String fix = alter(topic, Topics.MAX_DECOMPRESSED_MESSAGE_BYTES, provisioned);
        String risk = "one compressed record that decompresses to more than the streams app's heap can be appended "
                + "and stop the count";
        if (entry == null) {
            return Optional.of(new Finding(
                    Optional.of(topic),
                    topic + " is not protected from decompression bombs: the brokers do not know "
                            + Topics.MAX_DECOMPRESSED_MESSAGE_BYTES + " (Kafka 4.3.2 and later do), so " + risk
                            + "; upgrade the brokers, then " + fix,
                    Effect.WARNING));
        }
        try {
            if (Long.parseLong(entry.value()) <= Topics.MAX_SAFE_DECOMPRESSED_BYTES) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // Not a number: named below, like a bound too large.
        }
        return Optional.of(new Finding(
                Optional.of(topic),
                topic + " has " + Topics.MAX_DECOMPRESSED_MESSAGE_BYTES + "=" + entry.value()
                        + ", it should be at most " + Topics.MAX_SAFE_DECOMPRESSED_BYTES + " (" + risk + "; " + fix
                        + ")",
                Effect.WARNING));
    }

    private static String alter(String topic, String name, String value) {
        return "kafka-configs.sh --alter --entity-type topics --entity-name " + topic + " --add-config " + name + "="
                + value;
    }

    /**
     * A topic with more partitions than the cases are spread over is left out: a task folds the cases of one partition
     * number and reads that partition of every agency topic, and there is no task, nor state partition, for the rest.
     * Different partition counts are only reported: whatever partition a record lies on, it reaches its case's task
     * (docs/decisions.md #19).
     */
    private static List<Finding> partitionFindings(Map<String, Integer> topics, int casePartitions) {
        List<Finding> findings = new ArrayList<>();
        topics.forEach((topic, partitions) -> {
            if (partitions > casePartitions) {
                findings.add(new Finding(
                        Optional.of(topic),
                        topic + " has " + partitions + " partitions, more than the " + casePartitions
                                + " the cases are spread over; its events are not counted until the app runs with "
                                + "--partitions " + partitions
                                + " or more under a new --application-id (the cases' state cannot be spread again in "
                                + "place)",
                        Effect.AGENCY_LEFT_OUT));
            }
        });
        if (topics.values().stream().distinct().count() > 1) {
            Map<String, Integer> byAgency = new TreeMap<>();
            topics.forEach(
                    (topic, partitions) -> byAgency.put(Topics.agencyOf(topic).orElseThrow(), partitions));
            findings.add(new Finding(
                    Optional.empty(),
                    "the agency topics have different partition counts " + byAgency
                            + "; every agency topic should have the same (add partitions to the smaller ones): all "
                            + "are counted, but fewer records fold where they are read",
                    Effect.WARNING));
        }
        return findings;
    }

    /** A record size limit may be larger than required; every other required config is exact. */
    private static boolean isSafe(String name, String required, String found) {
        if (!isMinimum(name)) {
            return required.equals(found);
        }
        try {
            return found != null && Long.parseLong(found) >= Long.parseLong(required);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isMinimum(String name) {
        return Topics.MAX_MESSAGE_BYTES.equals(name);
    }

    private static Map<String, String> withDeletePolicy(Map<String, String> configs) {
        Map<String, String> required = new HashMap<>(configs);
        required.put("cleanup.policy", "delete");
        return Map.copyOf(required);
    }
}
