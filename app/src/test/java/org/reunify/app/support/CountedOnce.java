package org.reunify.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.reunify.producers.EventLineParser;
import org.reunify.schemas.EventFactory;
import org.reunify.streams.rules.CaseEvent;
import org.reunify.streams.rules.CaseLimits;
import org.reunify.streams.rules.CaseRecord;
import org.reunify.streams.rules.Counts;
import org.reunify.streams.rules.HistoryOracle;
import org.reunify.streams.rules.Position;

/** What the rules make of an agency's JSON Lines published once, line by line, as the plainly written oracle counts. */
public final class CountedOnce {

    private CountedOnce() {}

    /**
     * The counts per region. The rules never look across cases, so each case goes to an oracle of its own: one oracle
     * over all 20,000 lines scans them all for each line, seconds for nothing.
     */
    public static Map<String, Counts> of(String agency, List<String> lines) {
        Map<String, Counts> tallies = new TreeMap<>();
        publishedOnce(agency, lines).stream()
                .collect(Collectors.groupingBy(CaseRecord::caseId))
                .values()
                .forEach(ofCase -> new HistoryOracle(ofCase, CaseLimits.DEFAULT)
                        .tallies()
                        .forEach((region, counts) -> tallies.merge(region, counts, Counts::plus)));
        return tallies;
    }

    /** The file as if published once, line by line: each line a record appended after the one before. */
    private static List<CaseRecord> publishedOnce(String agency, List<String> lines) {
        EventLineParser parser = new EventLineParser(new EventFactory(agency, "counted-once"));
        Instant now = Instant.now();
        List<CaseRecord> history = new ArrayList<>();
        for (int line = 0; line < lines.size(); line++) {
            EventLineParser.Parsed parsed = parser.parse(lines.get(line), now);
            assertThat(parsed.isRefused())
                    .as("line %d: %s", line + 1, parsed.refusal())
                    .isFalse();
            history.add(new CaseRecord(CaseEvent.of(parsed.event()), new Position(line, 0, line)));
        }
        return history;
    }
}
