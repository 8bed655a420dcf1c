package org.reunify.app;

import org.reunify.schemas.ReunifyVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code reunify} command: only wiring; every behaviour lives in the module that owns it. */
@Command(
        name = "reunify",
        mixinStandardHelpOptions = true,
        versionProvider = Reunify.Version.class,
        description = "Reunification updates on Ukrainian children deported or forcibly transferred by Russia: "
                + "agencies publish events, Kafka Streams keeps de-duplicated totals per region.",
        subcommands = {
            UpCommand.class,
            AgencyCommand.class,
            PrincipalCommand.class,
            PublishCommand.class,
            GatewayCommand.class,
            SchemaCommand.class,
            TotalsCommand.class,
            ExportCommand.class,
            ReplayCommand.class,
            StreamsCommand.class,
            SinkCommand.class,
            SimulateCommand.class,
            DashboardCommand.class,
            StatusCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Reunify {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with reunify's error handling ({@link Failures}). */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Reunify());
        commandLine.setExecutionExceptionHandler(
                (error, cmd, parseResult) -> Failures.report(error, cmd.getCommandName(), cmd.getErr()));
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"reunify " + ReunifyVersion.get()};
        }
    }
}
