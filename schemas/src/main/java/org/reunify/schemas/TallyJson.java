package org.reunify.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The tally JSON of DESIGN.md, field order and millisecond UTC timestamps included. */
public final class TallyJson {

    /** {@code 2025-12-03T16:04:32.117Z}: always three fraction digits, so that consumers can compare strings. */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TallyJson() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : INSTANT.format(instant);
    }

    public static byte[] toBytes(Tally tally) {
        try {
            return MAPPER.writeValueAsBytes(toNode(tally));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of tallies, one per line, in the order given. */
    public static String toJsonArray(List<Tally> tallies) {
        return toJsonArrayOfNodes(tallies.stream().map(TallyJson::toNode).toList());
    }

    /** A JSON array of tally objects, perhaps altered from {@link #toNode}, one per line, in the order given. */
    public static String toJsonArrayOfNodes(List<? extends JsonNode> tallies) {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < tallies.size(); i++) {
            json.append("  ").append(tallies.get(i));
            json.append(i + 1 < tallies.size() ? ",\n" : "\n");
        }
        return json.append("]\n").toString();
    }

    public static Tally fromBytes(byte[] json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a tally: " + e.getMessage(), e);
        }
    }

    public static List<Tally> fromJsonArray(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (!(root instanceof ArrayNode array)) {
                throw new IllegalArgumentException("not a JSON array of tallies");
            }
            List<Tally> tallies = new ArrayList<>();
            array.forEach(node -> tallies.add(fromNode(node)));
            return tallies;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON array of tallies: " + e.getMessage(), e);
        }
    }

    /** The tally as a JSON object, its fields in DESIGN.md's order. */
    public static ObjectNode toNode(Tally tally) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("region", tally.region());
        node.put("name", tally.name());
        node.put("deported", tally.deported());
        node.put("returned", tally.returned());
        node.put("outstanding", tally.outstanding());
        node.put("updatedAt", format(tally.updatedAt()));
        return node;
    }

    private static Tally fromNode(JsonNode node) {
        JsonNode updatedAt = required(node, "updatedAt");
        return new Tally(
                required(node, "region").asText(),
                required(node, "name").asText(),
                required(node, "deported").asLong(),
                required(node, "returned").asLong(),
                required(node, "outstanding").asLong(),
                updatedAt.isNull() ? null : Instant.parse(updatedAt.asText()));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("tally lacks '" + field + "'");
        }
        return value;
    }
}
