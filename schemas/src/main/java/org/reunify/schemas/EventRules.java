package org.reunify.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.reunify.schemas.avro.DeportationReported;
import org.reunify.schemas.avro.ReportRetracted;
import org.reunify.schemas.avro.ReturnConfirmed;
import org.reunify.schemas.avro.ReunificationEvent;

/**
 * The field rules of docs/DESIGN.md for one event on its own. The publisher applies them before publishing and the
 * stream again on every record, so that both refuse exactly the same events for the same reasons.
 */
public final class EventRules {

    /** Russia's armed aggression against Ukraine began on this day; no deportation in scope predates it. */
    public static final LocalDate EARLIEST_OCCURRENCE = LocalDate.of(2014, 2, 20);
    /** The calendar an event's publication day is read in: the agencies publish from Ukraine. */
    public static final ZoneId PUBLICATION_ZONE = ZoneId.of("Europe/Kyiv");

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_REASON_LENGTH = 500;
    public static final int MAX_PUBLISHER_LENGTH = 128;

    private EventRules() {}

    /**
     * The first rule the event breaks, or empty if it keeps them all.
     *
     * @param reportedAt when the event is (or is about to be) appended: it may not have occurred after that day
     */
    public static Optional<String> violation(ReunificationEvent event, Instant reportedAt) {
        LocalDate publishedOn = LocalDate.ofInstant(reportedAt, PUBLICATION_ZONE);
        String problem = agencyProblem(event.getAgency());
        if (problem == null) {
            problem = idProblem("eventId", event.getEventId());
        }
        if (problem == null) {
            problem = idProblem("caseId", event.getCaseId());
        }
        if (problem == null) {
            problem = publisherProblem(event.getPublisher());
        }
        if (problem == null) {
            problem = bodyProblem(event, publishedOn);
        }
        return Optional.ofNullable(problem);
    }

    /** The reason an eventId, caseId or retracts value is not an id, or null. Never echoes the value. */
    public static String idProblem(String field, String value) {
        if (!isId(value)) {
            return field + " must be 1 to 64 characters of A-Z a-z 0-9 . _ : -";
        }
        return null;
    }

    // By hand rather than by a regular expression: every event has three ids, and the regex took 7% of a replay's fold.
    private static boolean isId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code code} is not one of the 27 ISO 3166-2:UA codes, with the code the agency probably meant; or null. */
    public static String regionProblem(String code) {
        if (Regions.isRegion(code)) {
            return null;
        }
        String hint = Optional.ofNullable(code)
                .map(c -> c.replace("-", ""))
                .flatMap(Regions::byPcode)
                .map(r -> "; " + code + " looks like the OCHA P-code of " + r.nameEn() + ", whose ISO code is "
                        + r.code())
                .orElse("");
        return "region " + quoted(code) + " is not one of the 27 ISO 3166-2:UA codes (UA-05 … UA-77)" + hint;
    }

    /** Why a deportation's destination is neither a country code nor OCCUPIED, or null. */
    public static String destinationProblem(String destination) {
        if (destination == null || Destinations.OCCUPIED_CODE.equals(destination)) {
            return null;
        }
        if ("UA".equals(destination)) {
            return "destination UA is Ukraine itself; use OCCUPIED for a transfer within occupied Ukraine";
        }
        if (!Destinations.isCountry(destination)) {
            return "destination " + quoted(destination)
                    + " is neither an ISO 3166-1 alpha-2 country code (RU, BY, KP, …) nor OCCUPIED";
        }
        return null;
    }

    /** Why a date cannot be an occurrence date of an event published on {@code publishedOn}, or null. */
    public static String occurrenceProblem(LocalDate occurredOn, LocalDate publishedOn) {
        if (occurredOn == null) {
            return "occurredOn is missing";
        }
        if (occurredOn.isBefore(EARLIEST_OCCURRENCE)) {
            return "occurredOn " + occurredOn + " is before " + EARLIEST_OCCURRENCE + ", the start of the occupation";
        }
        if (occurredOn.isAfter(publishedOn)) {
            return "occurredOn " + occurredOn + " is after the day it is published (" + publishedOn + ", Kyiv time)";
        }
        return null;
    }

    private static String agencyProblem(String agency) {
        return Topics.isAgencyId(agency) ? null : "agency must match " + Topics.AGENCY_ID.pattern();
    }

    private static String publisherProblem(String publisher) {
        if (publisher == null || publisher.isBlank() || publisher.length() > MAX_PUBLISHER_LENGTH) {
            return "publisher must name the publishing program in 1 to " + MAX_PUBLISHER_LENGTH + " characters";
        }
        return null;
    }

    private static String bodyProblem(ReunificationEvent event, LocalDate publishedOn) {
        Object body = event.getBody();
        if (body instanceof DeportationReported deportation) {
            String problem = regionProblem(deportation.getRegion());
            if (problem == null) {
                problem = occurrenceProblem(deportation.getOccurredOn(), publishedOn);
            }
            return problem != null ? problem : destinationProblem(deportation.getDestination());
        }
        if (body instanceof ReturnConfirmed confirmed) {
            String problem = regionProblem(confirmed.getRegion());
            return problem != null ? problem : occurrenceProblem(confirmed.getOccurredOn(), publishedOn);
        }
        if (body instanceof ReportRetracted retraction) {
            String problem = idProblem("retracts", retraction.getRetracts());
            if (problem == null && retraction.getRetracts().equals(event.getEventId())) {
                problem = "an event cannot retract itself";
            }
            return problem != null ? problem : reasonProblem(retraction.getReason());
        }
        return "body is none of DEPORTATION_REPORTED, RETURN_CONFIRMED, REPORT_RETRACTED";
    }

    private static String reasonProblem(String reason) {
        if (reason == null || reason.isBlank()) {
            return "reason is missing: say why the report is retracted";
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            return "reason is longer than " + MAX_REASON_LENGTH + " characters";
        }
        if (reason.chars().anyMatch(Character::isISOControl)) {
            return "reason contains control characters";
        }
        return null;
    }

    private static String quoted(String value) {
        if (value == null) {
            return "(missing)";
        }
        String shown = value.length() > 16 ? value.substring(0, 16) + "…" : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
