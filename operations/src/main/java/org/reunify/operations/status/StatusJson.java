package org.reunify.operations.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The report as one JSON object, for a program: the same facts as the table, {@code ok} and {@code problems}. */
public final class StatusJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {}

    public static String format(StatusReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("at", report.at().toString());
        root.put("ok", report.ok());
        ArrayNode problems = root.putArray("problems");
        report.problems().forEach(problems::add);
        report.cluster().ifPresent(cluster -> {
            ObjectNode node = root.putObject("cluster");
            node.put("id", cluster.clusterId());
            node.put("brokers", cluster.brokers());
            cluster.controller().ifPresent(controller -> node.put("controller", controller));
        });
        report.topics().ifPresent(topics -> {
            ArrayNode nodes = root.putArray("topics");
            topics.topics().forEach(topic -> {
                ObjectNode node = nodes.addObject();
                node.put("name", topic.name());
                node.put("partitions", topic.partitions());
                node.put("replicas", topic.replicas());
                node.put("safe", topic.safe());
                ArrayNode topicProblems = node.putArray("problems");
                topic.problems().forEach(topicProblems::add);
            });
        });
        report.streams().ifPresent(streams -> {
            ObjectNode node = root.putObject("streams");
            node.put("applicationId", streams.applicationId());
            node.put("protocol", streams.protocol());
            node.put("state", streams.state());
            ArrayNode members = node.putArray("members");
            streams.members().forEach(members::add);
        });
        ArrayNode agencies = root.putArray("agencies");
        report.agencies().forEach(agency -> {
            ObjectNode node = agencies.addObject();
            node.put("agency", agency.agency());
            node.put("partitions", agency.partitions());
            report.streams()
                    .ifPresent(streams -> node.put("lag", streams.lagByAgency().getOrDefault(agency.agency(), 0L)));
            node.put("latestEvent", agency.latestEvent().map(Object::toString).orElse(null));
        });
        ArrayNode sinks = root.putArray("sinks");
        report.sinks().forEach(sink -> {
            ObjectNode node = sinks.addObject();
            node.put("sink", sink.sink());
            node.put("where", sink.where());
            node.put("topic", sink.topic());
            node.put("behind", sink.behind());
            sink.waiting().ifPresent(waiting -> node.put("waitingMs", waiting.toMillis()));
            sink.problem().ifPresent(problem -> node.put("problem", problem));
        });
        report.refusals().ifPresent(refusals -> {
            ObjectNode node = root.putObject("refusals");
            refusals.lastHour().forEach(node.putObject("lastHour")::put);
            refusals.lastDay().forEach(node.putObject("lastDay")::put);
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status as JSON", e);
        }
    }
}
