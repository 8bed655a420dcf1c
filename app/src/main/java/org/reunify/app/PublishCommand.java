package org.reunify.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.reunify.producers.AgencyPublisher;
import org.reunify.producers.InputFormat;
import org.reunify.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Validate an agency's events (JSON Lines, one event per line, or CSV with a header row naming the fields) "
                    + "and publish the valid ones.",
            "Each refused line is reported on stderr as FILE:LINE: reason; the exit code is 1 if any line was refused."
        })
final class PublishCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--agency",
            required = true,
            paramLabel = "ID",
            description = "The publishing agency (see `reunify agency add`).")
    String agency;

    @Option(names = "--dry-run", description = "Validate only; publish nothing.")
    boolean dryRun;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "What the files hold: ${COMPLETION-CANDIDATES} (default: csv for a file named *.csv, "
                    + "jsonl otherwise and for standard input).")
    InputFormat format;

    @Parameters(
            paramLabel = "FILE",
            arity = "1..*",
            description = "JSON Lines or CSV files (UTF-8, with or without BOM), or - for standard input.")
    List<String> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        AgencyPublisher.Summary summary = new AgencyPublisher(agency, cluster.clientConfig())
                .publish(
                        files,
                        Optional.ofNullable(format),
                        dryRun,
                        spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.printf(
                    "%s: %,d valid, %,d refused (dry run: nothing published)%n",
                    agency, summary.published(), summary.refused());
        } else {
            out.printf(
                    "%s: published %,d to %s, refused %,d%s%n",
                    agency,
                    summary.published(),
                    Topics.eventsTopic(agency),
                    summary.refused(),
                    summary.failed() > 0 ? String.format(", failed to send %,d", summary.failed()) : "");
        }
        out.flush();
        return summary.clean() ? 0 : 1;
    }
}
