package org.reunify.dashboard.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.schemas.ReunifyVersion;

/**
 * The companion of an HXL export, for the portal's dataset page: where the figures come from, as of when, the
 * suppression in force and what each column means.
 *
 * @param source the topic the figures were read from
 * @param from   the first day of a daily series; otherwise the as-of day
 * @param to     the last day of a daily series; otherwise the as-of day
 */
public record HxlMetadata(String source, Series series, LocalDate from, LocalDate to, Suppression suppression) {

    /** Which figures the CSV holds. */
    public enum Series {
        /** Each region's figures as they stand. */
        CURRENT,
        /** Each region's figures at the end of every day. */
        DAILY,
        /** Rule 8's timeline: the children taken and returned in each month. */
        MONTHLY
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put(
                "title",
                series == Series.MONTHLY
                        ? "Ukrainian children deported or forcibly transferred by Russia, and their returns, by the "
                                + "month they happened in"
                        : "Ukrainian children deported or forcibly transferred by Russia, and their returns, "
                                + "by first-level administrative unit" + (series == Series.DAILY ? ", daily" : ""));
        root.put("source", source);
        if (series == Series.DAILY) {
            root.put("from", from.toString()).put("to", to.toString());
        } else {
            root.put("asOf", to.toString());
        }
        root.put("dayBoundary", "end of the day, Kyiv time (Europe/Kyiv)");
        if (suppression.active()) {
            root.put("suppressBelow", suppression.below());
        } else {
            root.putNull("suppressBelow");
        }
        root.put(
                "suppression", suppression.active() ? suppressionNote(suppression.below()) : "none: every count exact");
        ObjectNode columns = root.putObject("columns");
        if (series == Series.MONTHLY) {
            columns.put(
                    "month",
                    "#date+occurred: the month (YYYY-MM) of the occurredOn of the reports; empty for the children "
                            + "whose region a return decides, of whom no report says when they were taken");
        } else {
            columns.put(
                    "date",
                    series == Series.DAILY
                            ? "#date: the day at whose end the figures stood"
                            : "#date: the day the figures were read");
        }
        columns.put("region", "#adm1+code: ISO 3166-2:UA code; UA for the whole country");
        columns.put("pcode", "#adm1+pcode: OCHA P-code; UA for the whole country");
        columns.put("name", "#adm1+name: English name");
        if (series == Series.MONTHLY) {
            columns.put(
                    "taken",
                    "#affected+children+deported: children deported or forcibly transferred in the month, by the "
                            + "report that decides their region, de-duplicated across agencies");
            columns.put(
                    "returned", "#affected+children+returned: children returned in the month, by their latest return");
            if (suppression.active()) {
                root.put(
                        "regions",
                        "with suppression only the national rows are published: a region's months add up to its "
                                + "tally, and each month's regions to the nation's month");
            }
        } else {
            columns.put(
                    "deported",
                    "#affected+children+deported: children identified as deported or forcibly "
                            + "transferred, de-duplicated across agencies");
            columns.put("returned", "#affected+children+returned: of those, children whose return is confirmed");
            columns.put("outstanding", "#affected+children+outstanding: deported less returned");
        }
        root.put("generatedBy", "reunify " + ReunifyVersion.get());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String suppressionNote(int k) {
        return "a count from 1 to " + (k - 1) + " reads <" + k + "; the other non-zero counts of its row read >=" + k
                + ", and so do further rows where the national figure would otherwise give a hidden count away; "
                + "an empty count is withheld (any number, zero too: its table was too small to publish it "
                + "otherwise); zero is exact";
    }
}
