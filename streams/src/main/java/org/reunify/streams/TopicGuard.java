package org.reunify.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

/**
 * Checked before the streams app starts: topic configs under which the pipeline would lose or miscount data, or be
 * unable to write what it must. A topic someone created by hand, or altered since, must not quietly delete evidence,
 * nor refuse a record the pipeline writes (a refusal the broker will not take would stop the count).
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

    private TopicGuard() {}

    /**
     * A configuration under which the pipeline would lose or miscount data.
     *
     * @param topic   the topic at fault; empty for a problem of the agency topics together (their partition counts)
     * @param problem what is wrong and how to fix it
     */
    public record Finding(Optional<String> topic, String problem) {}

    /**
     * @param checked  every existing topic of the pipeline whose configs were checked: agency, published, rejected and
     *                 the app's internal topics
     * @param findings empty when the topics are safe
     */
    public record Review(SortedSet<String> checked, List<Finding> findings) {}

    /**
     * @param casePartitions how many partitions the app spreads the cases over ({@link TopologySettings#partitions})
     * @throws IllegalStateException naming every problem and how to fix it
     */
    public static void check(Admin admin, String applicationId, int casePartitions) {
        List<Finding> findings = review(admin, applicationId, casePartitions).findings();
        if (!findings.isEmpty()) {
            throw new IllegalStateException("refusing to run, the topics would lose or miscount data:\n  - "
                    + findings.stream().map(Finding::problem).collect(Collectors.joining("\n  - ")));
        }
    }

    /** The checks of {@link #check}, read-only, each problem with its topic: for the streams app and for status. */
    public static Review review(Admin admin, String applicationId, int casePartitions) {
        Map<String, Map<String, String>> required = new TreeMap<>();
        TopicProvisioner provisioner = new TopicProvisioner(admin);
        Map<String, Integer> agencies = provisioner.agencyPartitions();
        agencies.keySet().forEach(agency -> required.put(Topics.eventsTopic(agency), EVENTS_REQUIRED));
        Topics.PUBLISHED.forEach(topic -> required.put(topic.name(), topic.configs()));
        required.put(Topics.REJECTED.name(), Topics.REJECTED.configs());
        Set<String> topics = AdminCalls.await(admin.listTopics().names(), "list the topics");
        ReunificationTopology.internalTopics(applicationId).stream()
                .filter(topics::contains)
                .forEach(topic -> required.put(topic, INTERNAL_REQUIRED));

        List<Finding> findings = new ArrayList<>();
        required.keySet().stream()
                .filter(topic -> !topics.contains(topic))
                .forEach(topic -> findings.add(new Finding(
                        Optional.of(topic), topic + " does not exist: the streams app creates it when it starts")));
        required.keySet().retainAll(topics);
        List<ConfigResource> resources = required.keySet().stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList();
        Map<ConfigResource, Config> actual =
                AdminCalls.await(admin.describeConfigs(resources).all(), "describe the topics' configs");
        required.forEach((topic, configs) -> {
            Config config = actual.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            configs.forEach((name, value) -> {
                ConfigEntry entry = config.get(name);
                String found = entry == null ? null : entry.value();
                if (!isSafe(name, value, found)) {
                    findings.add(new Finding(
                            Optional.of(topic),
                            topic + " has " + name + "=" + found + ", it must be "
                                    + (isMinimum(name) ? "at least " : "") + value
                                    + " (kafka-configs.sh --alter --entity-type topics --entity-name " + topic
                                    + " --add-config " + name + "=" + value + ")"));
                }
            });
        });
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
                                + "with a new --application-id"));
            }
        }
        int most = agencies.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (most > casePartitions) {
            // A task folds the cases of one partition number and reads that partition of every agency topic; a
            // partition past the case partitions would make tasks, and state partitions, that the app does not have.
            findings.add(new Finding(
                    Optional.empty(),
                    "the agency topics have up to " + most + " partitions " + agencies + ", more than the "
                            + casePartitions + " the cases are spread over; run with --partitions " + most
                            + " or more under a new --application-id (the cases' state cannot be spread again in "
                            + "place)"));
        }
        if (agencies.values().stream().distinct().count() > 1) {
            findings.add(new Finding(
                    Optional.empty(),
                    "the agency topics have different partition counts " + agencies
                            + "; every agency topic must have the same (add partitions to the smaller ones)"));
        }
        return new Review(new TreeSet<>(required.keySet()), List.copyOf(findings));
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
