package org.reunify.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The checks behind {@code /health/live} (the process can do its job; an orchestrator restarts it otherwise) and
 * {@code /health/ready} (it has caught up and can reach the cluster; traffic and alerts wait for it otherwise).
 */
public final class Health {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One thing a probe checks. */
    @FunctionalInterface
    public interface Check {
        /** @return what is wrong, or null when all is well */
        String problem();
    }

    /** A probe's answer: 200 with every check's state, or 503 naming what is wrong. */
    public record Answer(int status, String json) {}

    private final Map<String, Check> live = new ConcurrentSkipListMap<>();
    private final Map<String, Check> ready = new ConcurrentSkipListMap<>();

    public void live(String name, Check check) {
        live.put(name, check);
    }

    public void ready(String name, Check check) {
        ready.put(name, check);
    }

    public Answer live() {
        return answer(live);
    }

    /** Ready means live too: a process that cannot do its job has not caught up with anything. */
    public Answer ready() {
        return answer(readyChecks());
    }

    /**
     * What readiness waits for, as "name: problem" phrases joined by "; ", or null when the process is ready: for a
     * command to say what it waits for before it says it is up.
     */
    public String notReady() {
        StringBuilder missing = new StringBuilder();
        readyChecks().forEach((name, check) -> {
            String problem = problemOf(check);
            if (problem != null) {
                missing.append(missing.isEmpty() ? "" : "; ")
                        .append(name)
                        .append(": ")
                        .append(problem);
            }
        });
        return missing.isEmpty() ? null : missing.toString();
    }

    private Map<String, Check> readyChecks() {
        Map<String, Check> both = new ConcurrentSkipListMap<>(live);
        both.putAll(ready);
        return both;
    }

    private static Answer answer(Map<String, Check> checks) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode each = JSON.createObjectNode();
        boolean up = true;
        for (Map.Entry<String, Check> check : checks.entrySet()) {
            String problem = problemOf(check.getValue());
            each.put(check.getKey(), problem == null ? "UP" : problem);
            up &= problem == null;
        }
        body.put("status", up ? "UP" : "DOWN");
        body.set("checks", each);
        return new Answer(up ? 200 : 503, body.toString());
    }

    /** A check that throws is a failed check, not a failed probe. */
    private static String problemOf(Check check) {
        try {
            return check.problem();
        } catch (RuntimeException e) {
            return "the check failed: " + e;
        }
    }
}
