package org.reunify.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code replay} and {@code totals} refuse before they read anything: options that do not go together. */
class ListingOptionsTest {

    private final StringWriter err = new StringWriter();
    private final CommandLine command = Reunify.commandLine().setErr(new PrintWriter(err, true));

    @Test
    void aListingChoiceDoesNotGoWithVerifyWhichChecksEveryPublishedTally() {
        int exitCode = command.execute("replay", "--by", "destination", "--verify", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--verify checks every published tally");
    }

    @Test
    void refusedTakesAnAgencyIdAndPrintsATableOrJson() {
        int exitCode = command.execute("replay", "--refused", "nib", "--format", "csv", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--refused takes an agency id");
    }

    @Test
    void aDateRangeWithoutDailyIsAUsageError() {
        int exitCode = command.execute("totals", "--from", "2025-12-01", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--from and --to go with --daily");
    }

    @Test
    void aRegionGoesWithTheDailyOrTheMonthlyListing() {
        int exitCode = command.execute("totals", "--region", "UA-14", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--region goes with --daily or --monthly");
    }

    @Test
    void theDailyAndTheMonthlyListingsAreTwoListings() {
        int exitCode = command.execute("replay", "--daily", "--monthly", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--daily and --monthly are two listings");
    }

    @Test
    void theDailyTalliesAndTheTimelineAreByRegionOnly() {
        int exitCode = command.execute("replay", "--monthly", "--by", "destination", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--daily and --monthly list regions' figures");
    }

    @Test
    void aDailyRangeEndingBeforeItStartsIsAUsageError() {
        int exitCode = command.execute(
                "totals", "--daily", "--from", "2025-12-03", "--to", "2025-12-01", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--from 2025-12-03 is after --to 2025-12-01");
    }

    @Test
    void anUnknownRegionIsAUsageError() {
        int exitCode = command.execute("totals", "--daily", "--region", "UA-99", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--region takes a region code");
    }

    @Test
    void aBreakdownOtherThanRegionOrDestinationIsAUsageError() {
        int exitCode = command.execute("replay", "--by", "country", "--bootstrap", "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("region", "destination");
    }
}
