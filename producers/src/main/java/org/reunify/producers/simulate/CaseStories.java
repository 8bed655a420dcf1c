package org.reunify.producers.simulate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the history of one case, as the agencies would publish it, for the {@link Outcome} it must come to. The
 * noise (duplicate reports, double entries, wrong regions, conflicting re-entries, re-deliveries, retractions in
 * either order) never changes whether the case counts as deported or returned, only where and when.
 */
final class CaseStories {

    private static final double SECOND_REPORTER = 0.22;
    private static final double THIRD_REPORTER = 0.06;
    /** Of the further reports, how many name another region than the first. */
    private static final double OTHER_REGION = 0.30;

    private static final double ENTERED_TWICE = 0.020;
    private static final double WRONG_REGION = 0.015;
    private static final double CONFLICTING_COPY = 0.003;
    private static final double SECOND_CONFIRMATION = 0.10;
    private static final double REDELIVERY = 0.025;

    private static final List<String> WITHDRAWAL_REASONS = List.of(
            "case opened in error",
            "not a deportation: the child left with a parent",
            "duplicate of a case reported under another id",
            "the child was found in government-controlled territory",
            "evacuation arranged by the family, not a transfer");
    private static final List<String> RETURN_WITHDRAWAL_REASONS =
            List.of("return not confirmed", "the confirmation was about another case");

    private final Random random;
    private final Geography geography;
    private final Calendar calendar;
    private final DraftLog log;
    private final Weighted<Agency> reporters = new Weighted<>();
    private final Weighted<Agency> confirmers = new Weighted<>();

    CaseStories(Random random) {
        this.random = random;
        this.geography = new Geography(random);
        this.calendar = new Calendar(random);
        this.log = new DraftLog(calendar);
        Agency.ALL.forEach(agency -> {
            reporters.add(agency, agency.reportWeight());
            confirmers.add(agency, agency.returnWeight());
        });
    }

    List<Draft> drafts() {
        return log.drafts();
    }

    void write(String caseId, Outcome outcome) {
        int mark = log.size();
        switch (outcome) {
            case DEPORTED -> reportDeported(caseId);
            case RETURNED -> confirmReturn(caseId, reportDeported(caseId));
            case RETURN_RETRACTED -> retractReturn(caseId, reportDeported(caseId));
            case RETURN_ONLY -> reportReturnOnly(caseId);
            case WITHDRAWN -> withdraw(caseId);
        }
        for (Draft draft : log.since(mark)) {
            if (draft.kind().hasOwnId() && random.nextDouble() < REDELIVERY) {
                log.redelivery(draft);
            }
        }
    }

    /** One to three agencies report the deportation, the first of them perhaps clumsily. */
    private Deported reportDeported(String caseId) {
        String home = geography.home();
        LocalDate day = calendar.deportation(home);
        List<Agency> agencies = reporters();
        Draft first = log.deportation(agencies.get(0), caseId, home, day, geography.destination());
        LocalDate latest = day;
        for (Agency agency : agencies.subList(1, agencies.size())) {
            String region = random.nextDouble() < OTHER_REGION ? geography.otherRegion(home, day) : home;
            LocalDate seen = calendar.jitter(day);
            String destination = random.nextDouble() < 0.7 ? first.destination() : geography.destination();
            log.deportation(agency, caseId, region, seen, destination);
            latest = seen.isAfter(latest) ? seen : latest;
        }
        double slip = random.nextDouble();
        if (slip < ENTERED_TWICE) {
            Draft again = log.deportationAfter(first, 30, caseId, home);
            log.retraction(again, "entered twice", random.nextDouble() < 0.25);
        } else if (slip < ENTERED_TWICE + WRONG_REGION) {
            String wrong = geography.otherRegion(home, day);
            Draft misfiled = log.deportationAfter(first, 60, caseId, wrong);
            log.retraction(
                    misfiled,
                    "wrong region: the child was taken from " + home + ", not " + wrong,
                    random.nextDouble() < 0.15);
        } else if (slip < ENTERED_TWICE + WRONG_REGION + CONFLICTING_COPY) {
            log.conflictingCopy(first, geography.destinationOtherThan(first.destination()));
        }
        return new Deported(home, latest);
    }

    private Draft confirmReturn(String caseId, Deported deported) {
        LocalDate day = calendar.returnAfter(deported.latest());
        Agency confirmer = confirmers.pick(random);
        Draft confirmation = log.returned(confirmer, caseId, deported.home(), day);
        if (random.nextDouble() < SECOND_CONFIRMATION) {
            log.returned(otherConfirmer(confirmer), caseId, deported.home(), day);
        }
        return confirmation;
    }

    private void retractReturn(String caseId, Deported deported) {
        Draft confirmation =
                log.returned(confirmers.pick(random), caseId, deported.home(), calendar.returnAfter(deported.latest()));
        log.retraction(confirmation, pick(RETURN_WITHDRAWAL_REASONS), random.nextDouble() < 0.2);
    }

    private void reportReturnOnly(String caseId) {
        String home = geography.home();
        LocalDate day = calendar.returnOnly();
        Agency confirmer = confirmers.pick(random);
        log.returned(confirmer, caseId, home, day);
        if (random.nextDouble() < SECOND_CONFIRMATION * 1.5) {
            log.returned(otherConfirmer(confirmer), caseId, home, day);
        }
    }

    /** Every agency that reported the case retracts its report, some before the report itself arrives. */
    private void withdraw(String caseId) {
        String home = geography.home();
        LocalDate day = calendar.deportation(home);
        List<Agency> agencies = new ArrayList<>(List.of(reporters.pick(random)));
        if (random.nextDouble() < 0.2) {
            agencies.add(otherReporter(agencies.get(0)));
        }
        String reason = pick(WITHDRAWAL_REASONS);
        for (Agency agency : agencies) {
            Draft report = log.deportation(agency, caseId, home, day, geography.destination());
            log.retraction(report, reason, random.nextDouble() < 0.3);
        }
        if (random.nextDouble() < 0.1) {
            Draft confirmation = log.returned(agencies.get(0), caseId, home, calendar.returnAfter(day));
            log.retraction(confirmation, reason, random.nextDouble() < 0.3);
        }
    }

    private List<Agency> reporters() {
        List<Agency> agencies = new ArrayList<>(List.of(reporters.pick(random)));
        double draw = random.nextDouble();
        int count = draw < THIRD_REPORTER ? 3 : draw < THIRD_REPORTER + SECOND_REPORTER ? 2 : 1;
        while (agencies.size() < count) {
            Agency next = reporters.pick(random);
            if (!agencies.contains(next)) {
                agencies.add(next);
            }
        }
        return agencies;
    }

    private Agency otherReporter(Agency agency) {
        Agency other;
        do {
            other = reporters.pick(random);
        } while (other.equals(agency));
        return other;
    }

    private Agency otherConfirmer(Agency agency) {
        Agency other;
        do {
            other = confirmers.pick(random);
        } while (other.equals(agency));
        return other;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Where a reported case is from, and the latest day any report says the child was taken. */
    private record Deported(String home, LocalDate latest) {}
}
