package org.reunify.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.reunify.audit.CaseExplanation;
import org.reunify.audit.Difference;
import org.reunify.audit.ExplanationFormat;
import org.reunify.audit.HistoryReader;
import org.reunify.audit.RefusedRecords;
import org.reunify.audit.Replay;
import org.reunify.audit.TotalsAudit;
import org.reunify.gateway.ReceiptTable;
import org.reunify.producers.Progress;
import org.reunify.schemas.Refusal;
import org.reunify.schemas.Regions;
import org.reunify.schemas.TallyFormat;
import org.reunify.schemas.Topics;
import org.reunify.sink.TallyFiles;
import org.reunify.sink.postgres.Database;
import org.reunify.streams.rules.CaseLimits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Recompute every tally from the agencies' event history, read-only: no consumer group, no writes.",
            "The same counting rules as the stream, applied to the history as of any instant; --verify proves the "
                    + "published totals, --explain traces a region's numbers to their events."
        })
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--as-of",
            paramLabel = "INSTANT",
            description =
                    "Only the events appended at or before this instant, e.g. 2025-12-31T22:00:00Z (default: all, to "
                            + "the current end).")
    Instant asOf;

    @Mixin
    ListingOptions listing;

    @ArgGroup
    Mode mode = new Mode();

    static final class Mode {
        @Option(
                names = "--verify",
                description = "Compare the replay with every published tally (reunification.totals, .totals.daily, "
                        + ".destinations, .timeline); exit 1 on any difference.")
        boolean verify;

        @Option(
                names = "--explain",
                paramLabel = "REGION",
                description = "List the cases behind a region's numbers (e.g. UA-14), with their events.")
        String region;

        @Option(
                names = "--explain-case",
                paramLabel = "CASE",
                description = "One case's events: live or retracted, and which decides its region.")
        String caseId;

        @Option(
                names = "--refused",
                paramLabel = "AGENCY",
                description = "List the records of the agency's topic the stream refuses, by partition and offset, "
                        + "with the reason (what an agency cannot read itself on a secured cluster).")
        String agency;

        @Option(
                names = "--receipts",
                arity = "0..1",
                fallbackValue = ALL_AGENCIES,
                paramLabel = "AGENCY",
                description = "List the gateway's receipts (reunification.receipts), oldest first: who sent what "
                        + "(its SHA-256), when, from where, and what became of its lines; one agency's, or all. "
                        + "--format json prints each receipt as written.")
        String receipts;
    }

    private static final String ALL_AGENCIES = "*";

    @Option(
            names = "--sink-dir",
            paramLabel = "DIR",
            description = "With --verify: also compare the sink's tally files in DIR.")
    Path sinkDir;

    @Mixin
    PostgresOptions postgres;

    @Option(
            names = "--wait",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "With --verify: how long differences may last while the stream catches up (default: "
                    + "${DEFAULT-VALUE}).")
    Duration wait;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (mode.receipts != null) {
            int listed = ReceiptTable.print(
                    cluster.clientConfig(),
                    mode.receipts.equals(ALL_AGENCIES) ? null : mode.receipts,
                    listing.format == TallyFormat.json,
                    out);
            err.printf("%,d receipts%n", listed);
            err.flush();
            return 0;
        }
        Optional<RefusedRecords> refused =
                Optional.ofNullable(mode.agency).map(Topics::eventsTopic).map(RefusedRecords::new);
        Replay replay = new Replay(
                CaseLimits.DEFAULT,
                refused.<Replay.RefusalListener>map(listed -> listed).orElse(Replay.RefusalListener.NONE),
                explained());
        try (HistoryReader reader = new HistoryReader(cluster.clientConfig())) {
            long planned = reader.plan(Optional.ofNullable(asOf));
            try (Progress progress = Progress.of("replaying", planned)) {
                reader.readInto(replay, progress::stepBy);
            }
            err.printf(
                    "replayed %,d records of %d agency topics%s%s%n",
                    replay.records(),
                    reader.topics().size(),
                    asOf == null ? "" : " appended at or before " + asOf,
                    refusals(replay.refusals()));
            err.flush();
            if (mode.verify) {
                return verify(reader, replay, out, err);
            }
            if (mode.agency != null && !reader.topics().contains(Topics.eventsTopic(mode.agency))) {
                throw new IllegalArgumentException("no topic " + Topics.eventsTopic(mode.agency)
                        + " in the history: is the agency id right? (reunify agency add " + mode.agency + ")");
            }
        }
        if (mode.region != null) {
            String name = Regions.byCode(mode.region).orElseThrow().nameEn();
            List<CaseExplanation> cases = replay.explainCasesIn(mode.region);
            explain(String.format("%s %s: %,d cases counted here", mode.region, name, cases.size()), cases, out);
        } else if (mode.caseId != null) {
            CaseExplanation explanation = replay.explain(mode.caseId)
                    .orElseThrow(() ->
                            new IllegalArgumentException("no valid record of case " + mode.caseId + " in the history"));
            explain(null, List.of(explanation), out);
        } else if (refused.isPresent()) {
            if (listing.format == TallyFormat.json) {
                refused.get().json(out);
            } else {
                refused.get().table(out);
            }
        } else {
            listing.print(replay::tallies, replay::destinationTallies, replay::dailyTallies, replay::timeline, out);
        }
        out.flush();
        return 0;
    }

    private void checkOptions() {
        if (mode.verify && asOf != null) {
            throw new ParameterException(
                    spec.commandLine(), "--verify compares with the totals as they are now; it takes no --as-of");
        }
        if ((sinkDir != null || postgres.jdbcUrl != null) && !mode.verify) {
            throw new ParameterException(spec.commandLine(), "--sink-dir and --jdbc-url go with --verify");
        }
        listing.check(spec.commandLine());
        if (listing.choosesAListing()
                && (mode.verify || mode.region != null || mode.caseId != null || mode.agency != null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--by, --daily and --monthly choose a listing; --verify checks every published tally, --explain "
                            + "works by region and --refused lists records");
        }
        if (mode.region != null && Regions.byCode(mode.region).isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "--explain takes a region code such as UA-14 or UA, not '" + mode.region + "'");
        }
        if ((mode.region != null || mode.caseId != null) && listing.format == TallyFormat.csv) {
            throw new ParameterException(spec.commandLine(), "--explain prints a table or json");
        }
        if (mode.agency != null && (listing.format == TallyFormat.csv || !Topics.isAgencyId(mode.agency))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--refused takes an agency id (" + Topics.AGENCY_ID.pattern() + ") and prints a table or json");
        }
    }

    private int verify(HistoryReader reader, Replay replay, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        Optional<TallyFiles> files = Optional.ofNullable(sinkDir).map(TallyFiles::new);
        Optional<Database> database = postgres.database();
        TotalsAudit audit = new TotalsAudit(reader, replay, cluster.clientConfig(), files, database);
        List<Difference> differences = audit.verify(wait, first -> {
            err.printf(
                    "%d published figures differ from the replay; waiting up to %d s for the stream to catch up%n",
                    first.size(), wait.toSeconds());
            err.flush();
        });
        String sources = String.join(
                        ", ",
                        Topics.TOTALS.name(),
                        Topics.TOTALS_DAILY.name(),
                        Topics.DESTINATIONS.name(),
                        Topics.TIMELINE.name())
                + files.map(tallyFiles -> ", " + tallyFiles.json()).orElse("")
                + database.map(db -> " and the sink's tables at " + db).orElse("");
        if (differences.isEmpty()) {
            out.printf("verified: every tally of %s equals the replay of %,d records%n", sources, replay.records());
            out.flush();
            return 0;
        }
        differences.forEach(out::println);
        out.printf(
                "NOT verified: %d figures of %s differ from the replay of %,d records%n",
                differences.size(), sources, replay.records());
        out.flush();
        return 1;
    }

    /** The cases whose records the replay keeps: none unless one is to be explained, all for a region. */
    private Predicate<String> explained() {
        if (mode.caseId != null) {
            return mode.caseId::equals;
        }
        return caseId -> mode.region != null;
    }

    private void explain(String title, List<CaseExplanation> explanations, PrintWriter out) {
        if (listing.format == TallyFormat.json) {
            out.print(ExplanationFormat.json(explanations));
        } else {
            ExplanationFormat.table(title, explanations, out);
        }
    }

    private static String refusals(Map<Refusal, Long> refusals) {
        if (refusals.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("; refused as the stream refuses them:");
        refusals.forEach(
                (reason, count) -> text.append(' ').append(reason).append(' ').append(count));
        return text.toString();
    }
}
