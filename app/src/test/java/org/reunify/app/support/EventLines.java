package org.reunify.app.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reunify.producers.AgencyPublisher;

/** JSON Lines as agencies write them, and publishing them as {@code reunify publish} does. */
public final class EventLines {

    private EventLines() {}

    public static String deportation(String eventId, String caseId, String region) {
        return deportation(eventId, caseId, region, "RU");
    }

    public static String deportation(String eventId, String caseId, String region, String destination) {
        return "{\"type\":\"DEPORTATION_REPORTED\",\"eventId\":\"" + eventId + "\",\"caseId\":\"" + caseId
                + "\",\"region\":\"" + region + "\",\"occurredOn\":\"2022-05-01\",\"destination\":\""
                + destination + "\"}";
    }

    public static String returned(String eventId, String caseId, String region) {
        return "{\"type\":\"RETURN_CONFIRMED\",\"eventId\":\"" + eventId + "\",\"caseId\":\"" + caseId
                + "\",\"region\":\"" + region + "\",\"occurredOn\":\"2025-12-01\"}";
    }

    public static String retraction(String eventId, String caseId, String retracts, String reason) {
        return "{\"type\":\"REPORT_RETRACTED\",\"eventId\":\"" + eventId + "\",\"caseId\":\"" + caseId
                + "\",\"retracts\":\"" + retracts + "\",\"reason\":\"" + reason + "\"}";
    }

    /** Writes the lines to {@code dir/AGENCY.jsonl} and publishes them as that agency. */
    public static AgencyPublisher.Summary publish(
            Map<String, Object> client, Path dir, String agency, List<String> lines) throws IOException {
        Path file = Files.write(dir.resolve(agency + ".jsonl"), lines);
        return new AgencyPublisher(agency, client)
                .publish(List.of(file.toString()), Optional.empty(), false, new PrintWriter(new StringWriter()));
    }
}
