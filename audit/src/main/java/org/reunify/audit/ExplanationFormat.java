package org.reunify.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.reunify.schemas.TallyJson;

/** How {@code replay --explain} prints cases: an indented listing for people, a JSON array for programs. */
public final class ExplanationFormat {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExplanationFormat() {}

    /** @param title what the cases are, e.g. the region they make up; null for none */
    public static void table(String title, List<CaseExplanation> cases, PrintWriter out) {
        if (title != null) {
            out.printf("%s%n%n", title);
        }
        for (CaseExplanation explained : cases) {
            out.printf("case %s: %s%n", explained.caseId(), standing(explained));
            for (CaseExplanation.Line line : explained.events()) {
                out.printf(
                        "  %s  %-16s %-20s %-20s %-6s %-10s  %s%s%n",
                        TallyJson.format(line.reportedAt()),
                        line.agency(),
                        line.eventId(),
                        line.type(),
                        orBlank(line.region()),
                        orBlank(line.occurredOn()),
                        line.status(),
                        line.decidesRegion() ? ", decides the region" : "");
            }
            out.println();
        }
    }

    private static String orBlank(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String standing(CaseExplanation explained) {
        if (explained.region() == null) {
            return "counts nowhere (every report retracted)";
        }
        return "counts in " + explained.region() + " as "
                + (explained.returned() ? "deported and returned" : "deported, not returned")
                + ", destination " + explained.destination();
    }

    public static String json(List<CaseExplanation> cases) {
        ArrayNode array = MAPPER.createArrayNode();
        for (CaseExplanation explained : cases) {
            ObjectNode node = array.addObject()
                    .put("caseId", explained.caseId())
                    .put("region", explained.region())
                    .put("destination", explained.destination())
                    .put("deported", explained.deported())
                    .put("returned", explained.returned());
            ArrayNode events = node.putArray("events");
            for (CaseExplanation.Line line : explained.events()) {
                events.addObject()
                        .put("agency", line.agency())
                        .put("eventId", line.eventId())
                        .put("type", line.type().name())
                        .put("reportedAt", TallyJson.format(line.reportedAt()))
                        .put("region", line.region())
                        .put(
                                "occurredOn",
                                line.occurredOn() == null
                                        ? null
                                        : line.occurredOn().toString())
                        .put("status", line.status())
                        .put("decidesRegion", line.decidesRegion());
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
