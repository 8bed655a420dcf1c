package org.reunify.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import org.reunify.dashboard.disclosure.Suppression;
import org.reunify.dashboard.export.HxlExport;
import org.reunify.schemas.EventRules;
import org.reunify.schemas.Tallies;
import org.reunify.schemas.Tally;
import org.reunify.sink.PublishedTallies;
import org.reunify.sink.TallyFollower;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write the tallies for open-data portals: CSV with an HXL hashtag row, every region and UA, "
                + "read committed from reunification.totals (or, with --daily, reunification.totals.daily; with "
                + "--monthly, the children taken and returned in each month from reunification.timeline).")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--hxl",
            required = true,
            description = "CSV with an HXL hashtag row under its header (the only format for now).")
    boolean hxl;

    @Option(names = "--daily", description = "One row per region and day instead of the current figures.")
    boolean daily;

    @Option(
            names = "--monthly",
            description = "One row per region and month: the children taken and returned then (rule 8); with "
                    + "--suppress-below, the nation's months only.")
    boolean monthly;

    @Option(
            names = "--from",
            paramLabel = "YYYY-MM-DD",
            description = "With --daily: the first day (default: the " + "first day with a daily tally).")
    LocalDate from;

    @Option(
            names = "--to",
            paramLabel = "YYYY-MM-DD",
            description = "With --daily: the last day (default: the last " + "day with a daily tally).")
    LocalDate to;

    @Option(
            names = "--suppress-below",
            paramLabel = "K",
            description = "No count from 1 to K-1 can be worked out from the file: see README, \"Open data export\".")
    Integer suppressBelow;

    @Option(names = "--output", paramLabel = "FILE", description = "Where the CSV goes (default: standard output).")
    Path output;

    @Option(names = "--metadata", paramLabel = "FILE", description = "Also write the CSV's description as JSON here.")
    Path metadata;

    @Option(
            names = "--timeout",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long to wait for the cluster (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Suppression suppression = checkOptions();
        LocalDate today = LocalDate.now(EventRules.PUBLICATION_ZONE);
        HxlExport.Files files;
        if (daily) {
            files = HxlExport.daily(readDaily(), from, to, suppression);
        } else if (monthly) {
            files = HxlExport.monthly(TallyFollower.readTimeline(cluster.clientConfig(), timeout), today, suppression);
        } else {
            files = HxlExport.current(readCurrent(), today, suppression);
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(files.csv());
            out.flush();
        } else {
            Files.writeString(output, files.csv(), StandardCharsets.UTF_8);
        }
        if (metadata != null) {
            Files.writeString(metadata, files.metadata(), StandardCharsets.UTF_8);
        }
        return 0;
    }

    private Suppression checkOptions() {
        if (!daily && (from != null || to != null)) {
            throw new ParameterException(spec.commandLine(), "--from and --to go with --daily");
        }
        if (daily && monthly) {
            throw new ParameterException(spec.commandLine(), "--daily and --monthly are two series; choose one");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
        }
        try {
            return suppressBelow == null ? Suppression.NONE : new Suppression(suppressBelow);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--suppress-below: " + e.getMessage());
        }
    }

    private List<Tally> readCurrent() {
        return Tallies.complete(read(PublishedTallies.TOTALS));
    }

    /** Each region's tally at the end of every day on which it changed, from {@code reunification.totals.daily}. */
    private Collection<Tally> readDaily() {
        return read(PublishedTallies.DAILY);
    }

    private List<Tally> read(PublishedTallies topic) {
        return TallyFollower.readAll(cluster.clientConfig(), topic, timeout);
    }
}
