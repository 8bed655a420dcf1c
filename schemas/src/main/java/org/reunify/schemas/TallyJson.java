package org.reunify.schemas;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The tally JSON of docs/DESIGN.md, field order and millisecond UTC timestamps included. */
public final class TallyJson {

    /** {@code 2025-12-03T16:04:32.117Z}: always three fraction digits, so that consumers can compare strings. */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TallyJson() {}

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

    /** @throws MalformedTallyException when the bytes are not one tally of any breakdown, current or daily */
    public static Tally fromBytes(byte[] json) {
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /** @throws MalformedTallyException when the text is not a JSON array of tallies */
    public static List<Tally> fromJsonArray(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw notJson(e);
        }
        if (!(root instanceof ArrayNode array)) {
            throw new MalformedTallyException("not a JSON array of tallies");
        }
        List<Tally> tallies = new ArrayList<>();
        array.forEach(node -> tallies.add(fromNode(node)));
        return tallies;
    }

    /**
     * A tally of any breakdown as a JSON object, its fields in docs/DESIGN.md's order, its key first; a daily one
     * begins with its date, by which listings of them are sorted.
     */
    public static ObjectNode toNode(Tally tally) {
        ObjectNode node = MAPPER.createObjectNode();
        if (tally.isDaily()) {
            node.put("date", tally.day().toString());
        }
        node.put(tally.by().name(), tally.code());
        node.put("name", tally.name());
        node.put("deported", tally.deported());
        node.put("returned", tally.returned());
        node.put("outstanding", tally.outstanding());
        node.put("updatedAt", format(tally.updatedAt()));
        return node;
    }

    /** A timeline entry as a JSON object, its fields in docs/DESIGN.md's order. */
    public static ObjectNode toNode(TimelineEntry entry) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("region", entry.region());
        node.put("name", entry.name());
        node.put("month", entry.month());
        node.put("taken", entry.taken());
        node.put("returned", entry.returned());
        return node;
    }

    public static byte[] toBytes(TimelineEntry entry) {
        try {
            return MAPPER.writeValueAsBytes(toNode(entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws MalformedTallyException when the bytes are not one timeline entry */
    public static TimelineEntry timelineFromBytes(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw notJson(e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedTallyException("not a JSON object");
        }
        String region = text(node, "region");
        if (Regions.byCode(region).isEmpty()) {
            throw new MalformedTallyException("'region' is not a region code");
        }
        String month = text(node, "month");
        if (!TimelineEntry.isMonth(month)) {
            throw new MalformedTallyException("'month' is neither YYYY-MM nor " + TimelineEntry.UNKNOWN_MONTH);
        }
        long taken = whole(node, "taken");
        long returned = whole(node, "returned");
        if (taken < 0 || returned < 0) {
            throw new MalformedTallyException("a count below zero");
        }
        return new TimelineEntry(region, text(node, "name"), month, taken, returned);
    }

    private static Tally fromNode(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new MalformedTallyException("not a JSON object");
        }
        Breakdown by = node.has(Breakdown.destination.name()) ? Breakdown.destination : Breakdown.region;
        String code = text(node, by.name());
        if (!by.knows(code)) {
            throw new MalformedTallyException("'" + by + "' is not a " + by + " code");
        }
        String name = text(node, "name");
        long deported = whole(node, "deported");
        long returned = whole(node, "returned");
        long outstanding = whole(node, "outstanding");
        Instant updatedAt = instant(node, "updatedAt");
        LocalDate date = node.has("date") ? date(node, "date") : null;
        try {
            return new Tally(by, code, date, name, deported, returned, outstanding, updatedAt);
        } catch (IllegalArgumentException e) {
            throw new MalformedTallyException("figures that do not add up: a tally needs 0 <= returned <= deported "
                    + "and outstanding = deported - returned");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new MalformedTallyException("'" + field + "' is not a string");
        }
        return value.textValue();
    }

    private static long whole(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedTallyException("'" + field + "' is not a whole number");
        }
        return value.longValue();
    }

    /** Null where nothing has happened yet; otherwise an ISO-8601 instant. */
    private static Instant instant(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedTallyException("'" + field + "' is neither null nor a string");
        }
        try {
            return Instant.parse(value.textValue());
        } catch (DateTimeParseException e) {
            // Its message quotes the text, which is the record's to keep.
            throw new MalformedTallyException(
                    "'" + field + "' is not an ISO-8601 instant such as 2025-12-03T16:04:32.117Z");
        }
    }

    private static LocalDate date(JsonNode node, String field) {
        try {
            return LocalDate.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new MalformedTallyException("'" + field + "' is not an ISO-8601 date such as 2025-12-03");
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new MalformedTallyException("tally lacks '" + field + "'");
        }
        return value;
    }

    /**
     * Jackson's message quotes the offending token: only where it is goes in ours, and Jackson's is not kept as the
     * cause.
     */
    private static MalformedTallyException notJson(IOException e) {
        JsonLocation where = e instanceof JsonProcessingException processing ? processing.getLocation() : null;
        return new MalformedTallyException("not valid JSON"
                + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
    }
}
