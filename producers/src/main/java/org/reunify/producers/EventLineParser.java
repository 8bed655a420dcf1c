package org.reunify.producers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.reunify.schemas.EventFactory;
import org.reunify.schemas.EventRules;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * Turns one line of an agency's JSON Lines, or one row of its CSV, into an event, or says exactly why it cannot. Both
 * go through the same checks: a CSV row is read as the JSON object of its non-empty cells. The messages name fields and
 * rules, never the values of ids, so that a refusal report can be shared without exposing a case.
 */
public final class EventLineParser {

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "DEPORTATION_REPORTED", Set.of("type", "eventId", "caseId", "region", "occurredOn", "destination"),
            "RETURN_CONFIRMED", Set.of("type", "eventId", "caseId", "region", "occurredOn"),
            "REPORT_RETRACTED", Set.of("type", "eventId", "caseId", "retracts", "reason"));

    /**
     * An event is one flat object of short strings. Set here rather than left to Jackson's defaults, which any code
     * in the JVM can change, so that parsing a line costs time and memory in proportion to an event, whatever it holds.
     */
    private static final StreamReadConstraints EVENT_SIZED = StreamReadConstraints.builder()
            .maxDocumentLength(LineReader.MAX_LINE_BYTES)
            .maxNestingDepth(8)
            .maxNumberLength(32)
            .build();

    /** Every field some type of event has: the columns a CSV header may name. */
    public static final Set<String> FIELD_NAMES =
            FIELDS.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));

    private static final ObjectMapper JSON = new ObjectMapper(
                    JsonFactory.builder().streamReadConstraints(EVENT_SIZED).build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final EventFactory factory;

    public EventLineParser(EventFactory factory) {
        this.factory = factory;
    }

    /**
     * @param publishedAt when the line is being published: an event cannot have occurred after that day
     */
    public Parsed parse(String line, Instant publishedAt) {
        try {
            return Parsed.event(read(object(line), publishedAt));
        } catch (Refusal refusal) {
            return Parsed.refused(refusal.getMessage());
        }
    }

    /**
     * One CSV row, by column: an empty cell is an absent field, any other is the field's text, as in JSON Lines.
     *
     * @param publishedAt as for {@link #parse(String, Instant)}
     */
    public Parsed parse(Map<String, String> cells, Instant publishedAt) {
        ObjectNode object = JSON.createObjectNode();
        cells.forEach((column, cell) -> {
            if (!cell.isEmpty()) {
                object.put(column, cell);
            }
        });
        try {
            return Parsed.event(read(object, publishedAt));
        } catch (Refusal refusal) {
            return Parsed.refused(refusal.getMessage());
        }
    }

    private ReunificationEvent read(ObjectNode object, Instant publishedAt) throws Refusal {
        String type = text(object, "type");
        Set<String> fields = FIELDS.get(type);
        if (fields == null) {
            throw new Refusal("type must be one of DEPORTATION_REPORTED, RETURN_CONFIRMED, REPORT_RETRACTED");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new Refusal("unknown field " + printable(name) + " in a " + type + " event (allowed: "
                        + String.join(", ", new TreeSet<>(fields)) + ")");
            }
        }
        String eventId = text(object, "eventId");
        String caseId = text(object, "caseId");
        ReunificationEvent event = switch (type) {
            case "DEPORTATION_REPORTED" ->
                factory.deportation(
                        eventId,
                        caseId,
                        text(object, "region"),
                        date(object, "occurredOn"),
                        optionalText(object, "destination"));
            case "RETURN_CONFIRMED" ->
                factory.returned(eventId, caseId, text(object, "region"), date(object, "occurredOn"));
            default -> factory.retraction(eventId, caseId, text(object, "retracts"), text(object, "reason"));
        };
        String problem = EventRules.violation(event, publishedAt).orElse(null);
        if (problem != null) {
            throw new Refusal(problem);
        }
        return event;
    }

    private static ObjectNode object(String line) throws Refusal {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (StreamConstraintsException e) {
            // Jackson names the getter of the limit, which means nothing to an agency
            throw new Refusal(
                    "too big to be an event (" + e.getOriginalMessage().replaceAll(", from `[^`]*`", "") + ")");
        } catch (JsonParseException e) {
            throw new Refusal("not valid JSON (" + e.getOriginalMessage().split("\n", 2)[0] + ", at column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (JsonProcessingException e) {
            throw new Refusal("not valid JSON (" + e.getOriginalMessage().split("\n", 2)[0] + ")");
        } catch (IOException e) {
            throw new Refusal("not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new Refusal("not a JSON object: each line must be one event {\"type\": …}");
        }
        return object;
    }

    private static String text(ObjectNode object, String field) throws Refusal {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new Refusal(field + " is missing");
        }
        if (!value.isTextual()) {
            throw new Refusal(field + " must be a string, not "
                    + value.getNodeType().toString().toLowerCase());
        }
        return value.textValue();
    }

    private static String optionalText(ObjectNode object, String field) throws Refusal {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : text(object, field);
    }

    private static LocalDate date(ObjectNode object, String field) throws Refusal {
        String text = text(object, field);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refusal(field + " must be an ISO date like 2022-05-01");
        }
    }

    private static String printable(String name) {
        String shown = name.length() > 32 ? name.substring(0, 32) + "…" : name;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** An event, or the reason its line is refused. */
    public record Parsed(ReunificationEvent event, String refusal) {

        static Parsed event(ReunificationEvent event) {
            return new Parsed(event, null);
        }

        static Parsed refused(String reason) {
            return new Parsed(null, reason);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }

    private static final class Refusal extends Exception {
        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }
}
